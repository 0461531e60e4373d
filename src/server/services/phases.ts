import type { Caller } from "@/server/deps";
import { changePhase as planPhaseChange } from "@/core/phases/change";
import type { ChangePhaseInput } from "@/lib/schemas/governance";
import { runCommand } from "./event-log";
import { countOpenProposals } from "./governance-state";

/** One step forward, or back with a reason; closing also ends the turn and empties the queue. */
export async function changePhase(ctx: Caller, input: ChangePhaseInput) {
  const { recorded } = await runCommand(
    ctx,
    {
      meetingId: input.meetingId,
      action: "phase.change",
      load: (tx, snap) => countOpenProposals(tx, snap.id),
    },
    (snap, openProposals) => {
      const state = { phase: snap.phase, token: snap.token, openProposals };
      return { events: planPhaseChange(state, input.to, input.reason), result: null };
    },
  );
  return { seq: recorded.at(-1)?.seq ?? null };
}
