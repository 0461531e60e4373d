import { describe, expect, it } from "vitest";
import { changePhase } from "@/core/phases/change";
import { emptyTokenState, type TokenState } from "@/core/tokens/engine";
import { code } from "../../helpers/domain-error";

const at = Date.parse("2026-01-01T09:00:00Z");
const busy: TokenState = {
  ...emptyTokenState(),
  holder: { userId: "bob", since: at },
  queue: [
    { userId: "cy", ticket: 5, since: at },
    { userId: "dee", ticket: 6, since: at },
  ],
  turnLimitSec: null,
};
describe("changing phase", () => {
  it("records the transition with its reason", () => {
    expect(changePhase({ phase: "IDEATION", token: busy, openProposals: 0 }, "CLARIFICATION")).toEqual([
      { type: "phase.changed", from: "IDEATION", to: "CLARIFICATION", reason: null },
    ]);
    expect(
      changePhase({ phase: "DECISION", token: busy, openProposals: 0 }, "CLARIFICATION", " redo "),
    ).toEqual([{ type: "phase.changed", from: "DECISION", to: "CLARIFICATION", reason: "redo" }]);
  });

  it("closing ends the turn and empties the queue, before the phase changes", () => {
    expect(changePhase({ phase: "FEEDBACK", token: busy, openProposals: 0 }, "CLOSED")).toEqual([
      { type: "token.released", userId: "bob", reason: "closed" },
      { type: "token.withdrawn", userId: "cy", reason: "closed" },
      { type: "token.withdrawn", userId: "dee", reason: "closed" },
      { type: "phase.changed", from: "FEEDBACK", to: "CLOSED", reason: null },
    ]);
    expect(
      changePhase({ phase: "FEEDBACK", token: emptyTokenState(), openProposals: 0 }, "CLOSED"),
    ).toHaveLength(1);
  });

  it("keeps the token as it is in the other transitions", () => {
    const events = changePhase({ phase: "CLARIFICATION", token: busy, openProposals: 0 }, "DECISION");
    expect(events.map((e) => e.type)).toEqual(["phase.changed"]);
  });

  it("does not leave Decision, either way, while a vote is open", () => {
    const state = { phase: "DECISION" as const, token: busy, openProposals: 1 };
    expect(code(() => changePhase(state, "FEEDBACK"))).toBe("PRECONDITION_FAILED");
    expect(code(() => changePhase(state, "CLARIFICATION", "why"))).toBe("PRECONDITION_FAILED");
    expect(() => changePhase(state, "FEEDBACK")).toThrow(/^CLOSE_VOTE_FIRST$/);
  });

  it("leaves illegal moves to the phase machine", () => {
    expect(code(() => changePhase({ phase: "CLOSED", token: busy, openProposals: 0 }, "FEEDBACK", "x"))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(code(() => changePhase({ phase: "IDEATION", token: busy, openProposals: 0 }, "DECISION"))).toBe(
      "PRECONDITION_FAILED",
    );
  });
});
