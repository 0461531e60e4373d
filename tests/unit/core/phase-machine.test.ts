import { describe, expect, it } from "vitest";
import { PHASES, type Phase } from "@/core/phases/phase";
import {
  PHASE_ALLOWS,
  PHASE_REASON_MAX,
  nextPhase,
  planTransition,
  previousPhase,
} from "@/core/phases/machine";
import { code } from "../../helpers/domain-error";

// Written out by hand, not derived from PHASES, so a change to the machine has to change this too.
const FORWARD: ReadonlyArray<[Phase, Phase]> = [
  ["IDEATION", "CLARIFICATION"],
  ["CLARIFICATION", "DECISION"],
  ["DECISION", "FEEDBACK"],
  ["FEEDBACK", "CLOSED"],
];
const BACK: ReadonlyArray<[Phase, Phase]> = [
  ["CLARIFICATION", "IDEATION"],
  ["DECISION", "CLARIFICATION"],
  ["FEEDBACK", "DECISION"],
];
const has = (list: ReadonlyArray<[Phase, Phase]>, from: Phase, to: Phase) =>
  list.some(([f, t]) => f === from && t === to);

describe("phase machine", () => {
  it("knows the next and previous phase", () => {
    expect(PHASES.map(nextPhase)).toEqual(["CLARIFICATION", "DECISION", "FEEDBACK", "CLOSED", null]);
    expect(PHASES.map(previousPhase)).toEqual([null, "IDEATION", "CLARIFICATION", "DECISION", null]);
  });

  describe("every (from, to) pair", () => {
    const pairs = PHASES.flatMap((from) => PHASES.map((to) => [from, to] as const));
    it("covers all 25 pairs", () => expect(pairs).toHaveLength(25));

    for (const [from, to] of pairs) {
      if (has(FORWARD, from, to)) {
        it(`${from} -> ${to} is a step forward, with or without a reason`, () => {
          expect(planTransition(from, to, null)).toEqual({ from, to, direction: "forward", reason: null });
          expect(planTransition(from, to)).toEqual({ from, to, direction: "forward", reason: null });
          expect(planTransition(from, to, "  ")).toEqual({ from, to, direction: "forward", reason: null });
          expect(planTransition(from, to, " on time ").reason).toBe("on time");
        });
      } else if (has(BACK, from, to)) {
        it(`${from} -> ${to} is a step back that needs a reason`, () => {
          expect(planTransition(from, to, "  we missed an idea ")).toEqual({
            from,
            to,
            direction: "back",
            reason: "we missed an idea",
          });
          expect(code(() => planTransition(from, to, null))).toBe("BAD_REQUEST");
          expect(code(() => planTransition(from, to))).toBe("BAD_REQUEST");
          expect(code(() => planTransition(from, to, ""))).toBe("BAD_REQUEST");
          expect(code(() => planTransition(from, to, " \n\t "))).toBe("BAD_REQUEST");
        });
      } else {
        it(`${from} -> ${to} is refused, whatever the reason`, () => {
          expect(code(() => planTransition(from, to, null))).toBe("PRECONDITION_FAILED");
          expect(code(() => planTransition(from, to, "a good reason"))).toBe("PRECONDITION_FAILED");
          expect(code(() => planTransition(from, to, "x".repeat(PHASE_REASON_MAX + 1)))).toBe(
            "PRECONDITION_FAILED",
          );
        });
      }
    }
  });

  it("accepts exactly 7 transitions", () => {
    let ok = 0;
    for (const from of PHASES)
      for (const to of PHASES) if (code(() => planTransition(from, to, "why")) === "OK") ok++;
    expect(ok).toBe(FORWARD.length + BACK.length);
  });

  it("limits the reason to 500 characters after trimming", () => {
    const max = "r".repeat(PHASE_REASON_MAX);
    expect(planTransition("DECISION", "CLARIFICATION", ` ${max} `).reason).toBe(max);
    expect(code(() => planTransition("DECISION", "CLARIFICATION", `${max}r`))).toBe("BAD_REQUEST");
    expect(code(() => planTransition("DECISION", "FEEDBACK", `${max}r`))).toBe("BAD_REQUEST");
  });

  it("explains refusals", () => {
    expect(() => planTransition("CLOSED", "FEEDBACK", "oops")).toThrow(/^PHASE_FINAL$/);
    expect(() => planTransition("IDEATION", "DECISION")).toThrow(
      /^PHASE_ONE_STEP {"from":"IDEATION","to":"DECISION","next":"CLARIFICATION"}$/,
    );
    expect(() => planTransition("DECISION", "DECISION")).toThrow(/^PHASE_UNCHANGED {"phase":"DECISION"}$/);
    expect(() => planTransition("DECISION", "CLARIFICATION")).toThrow(/^PHASE_REASON_REQUIRED$/);
  });

  it("describes every phase", () => {
    for (const p of PHASES) expect(PHASE_ALLOWS[p].length).toBeGreaterThan(0);
    expect(PHASE_ALLOWS.CLOSED).toEqual(["closed.readOnly"]);
  });
});
