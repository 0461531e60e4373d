import { describe, expect, it } from "vitest";
import { can, denial, type Action } from "@/core/permissions";
import { ACTOR_KINDS } from "@/core/roles";
import { PHASES, type Phase } from "@/core/phases/phase";

// The governance rows of the matrix, written out: who acts, and in which phase only.
const ROWS: [Action, string[], Phase[]][] = [
  ["idea.post", ["FACILITATOR", "PARTICIPANT"], ["IDEATION"]],
  ["idea.revise", ["FACILITATOR", "PARTICIPANT"], ["CLARIFICATION"]],
  ["idea.reviseAny", ["FACILITATOR", "ADMIN"], ["CLARIFICATION"]],
  ["comment.post", ["FACILITATOR", "PARTICIPANT"], ["CLARIFICATION"]],
  ["proposal.open", ["FACILITATOR", "ADMIN"], ["DECISION"]],
  ["proposal.vote", ["FACILITATOR", "PARTICIPANT"], ["DECISION"]],
  ["proposal.close", ["FACILITATOR", "ADMIN"], ["DECISION"]],
  ["feedback.give", ["FACILITATOR", "PARTICIPANT"], ["FEEDBACK"]],
  ["phase.change", ["FACILITATOR", "ADMIN"], ["IDEATION", "CLARIFICATION", "DECISION", "FEEDBACK"]],
  ["feedback.summary", ["FACILITATOR", "ADMIN", "AUDITOR"], [...PHASES]],
];

describe("governance permissions", () => {
  it.each(ROWS)("%s: exactly %j, exactly in %j", (action, kinds, phases) => {
    for (const kind of ACTOR_KINDS) {
      for (const phase of PHASES) {
        expect(can(kind, action, phase), `${kind} in ${phase}`).toBe(
          kinds.includes(kind) && phases.includes(phase),
        );
      }
    }
  });

  it("gives observers no governance action, and says why", () => {
    for (const [action] of ROWS) expect(denial("OBSERVER", action, "DECISION")).toBe("ROLE");
    expect(denial("PARTICIPANT", "proposal.vote", "IDEATION")).toBe("PHASE");
    expect(denial("ANONYMOUS", "idea.post", "IDEATION")).toBe("SIGN_IN");
  });
});
