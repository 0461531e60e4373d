import { refuse } from "../errors";
import { PHASES, type Phase } from "./phase";

// The phase state machine: forward one step at a time; back one step only with a reason.
// CLOSED is final (a closed meeting is read-only), and there is nothing before IDEATION.

export const PHASE_REASON_MAX = 500;

type TransitionDirection = "forward" | "back";

interface PhaseTransition {
  from: Phase;
  to: Phase;
  direction: TransitionDirection;
  /** Trimmed; always present on a step back, optional (null) on a step forward. */
  reason: string | null;
}

const indexOf = (p: Phase) => PHASES.indexOf(p);

/** CLOSED: nothing changes any more, the meeting is its record. */
export const isFinalPhase = (p: Phase): boolean => p === "CLOSED";

/** The phase a forward step leads to, or null from CLOSED. */
export function nextPhase(p: Phase): Phase | null {
  return isFinalPhase(p) ? null : PHASES[indexOf(p) + 1];
}

/**
 * The phase a step back leads to, or null when no step back is allowed: from IDEATION (nothing
 * before it) and from CLOSED (final). The UI shows a "back" control exactly when this is non-null.
 */
export function previousPhase(p: Phase): Phase | null {
  if (isFinalPhase(p) || indexOf(p) === 0) return null;
  return PHASES[indexOf(p) - 1];
}

function normalizeReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? "";
  if (trimmed.length > PHASE_REASON_MAX) {
    throw refuse("PHASE_REASON_TOO_LONG", { max: PHASE_REASON_MAX });
  }
  return trimmed === "" ? null : trimmed;
}

/**
 * Decide whether the meeting may go from `from` to `to`. Returns the transition to record as
 * `phase.changed`, or throws PRECONDITION_FAILED (not a legal move) / BAD_REQUEST (reason).
 * The legality check comes first, so an illegal move is reported as such whatever the reason.
 */
export function planTransition(from: Phase, to: Phase, reason?: string | null): PhaseTransition {
  if (from === to) throw refuse("PHASE_UNCHANGED", { phase: from });
  if (isFinalPhase(from)) throw refuse("PHASE_FINAL");

  if (to === nextPhase(from)) {
    return { from, to, direction: "forward", reason: normalizeReason(reason) };
  }
  if (to === previousPhase(from)) {
    const why = normalizeReason(reason);
    if (why === null) throw refuse("PHASE_REASON_REQUIRED");
    return { from, to, direction: "back", reason: why };
  }

  // `from` is not final here, so it has a next phase.
  throw refuse("PHASE_ONE_STEP", { from, to, next: nextPhase(from) ?? from });
}

/**
 * What each phase is for, as i18n keys (under a namespace of the UI's choosing, e.g.
 * "phase.allows"). Descriptive only: the permission matrix decides what is actually allowed.
 */
export const PHASE_ALLOWS = {
  IDEATION: ["ideation.postIdeas", "any.speak"],
  CLARIFICATION: ["clarification.commentIdeas", "clarification.reviseIdeas", "any.speak"],
  DECISION: ["decision.openProposals", "decision.vote", "any.speak"],
  FEEDBACK: ["feedback.rateMeeting", "any.speak"],
  CLOSED: ["closed.readOnly"],
} as const satisfies Record<Phase, readonly string[]>;
