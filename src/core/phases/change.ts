import type { MeetingEvent } from "../events";
import { refuse } from "../errors";
import { closeTokenEvents, type TokenState } from "../tokens/engine";
import { isFinalPhase, planTransition } from "./machine";
import type { Phase } from "./phase";

// Changing a meeting's phase: the machine says which moves are legal; this adds what the rest
// of the meeting requires. Votes happen in Decision, so nobody leaves it with a vote still open
// (its result would hang in a phase where nobody can close it). Closing ends every turn.

interface PhaseChangeState {
  phase: Phase;
  token: TokenState;
  openProposals: number;
}

/** What keeps the meeting in its phase whatever the move: an open vote keeps it in Decision. */
export function phaseHeldBy(state: Pick<PhaseChangeState, "phase" | "openProposals">): "openVotes" | null {
  return state.phase === "DECISION" && state.openProposals > 0 ? "openVotes" : null;
}

export function changePhase(state: PhaseChangeState, to: Phase, reason?: string | null): MeetingEvent[] {
  const t = planTransition(state.phase, to, reason);
  if (phaseHeldBy(state)) {
    throw refuse("CLOSE_VOTE_FIRST");
  }
  const closing = isFinalPhase(t.to) ? closeTokenEvents(state.token) : [];
  return [...closing, { type: "phase.changed", from: t.from, to: t.to, reason: t.reason }];
}
