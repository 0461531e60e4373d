import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import { changePhase as planPhaseChange } from "@/core/phases/change";
import type { ChangePhaseInput } from "@/lib/schemas/governance";
import { runCommandWith } from "./event-log";
import { authorize } from "./authorize";
import { countOpenProposals } from "./governance-state";

/** One step forward, or back with a reason; closing also ends the turn and empties the queue. */
export async function changePhase(deps: Deps, actor: SessionUser, input: ChangePhaseInput) {
  const { recorded } = await runCommandWith(
    deps,
    input.meetingId,
    actor.userId,
    (tx, snap) => countOpenProposals(tx, snap.id),
    (snap, openProposals) => {
      authorize(snap, actor, "phase.change");
      const state = { phase: snap.phase, token: snap.token, openProposals };
      return { events: planPhaseChange(state, input.to, input.reason), result: null };
    },
  );
  return { seq: recorded.at(-1)?.seq ?? null };
}
