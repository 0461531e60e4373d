export const PHASES = ["IDEATION", "CLARIFICATION", "DECISION", "FEEDBACK", "CLOSED"] as const;
export type Phase = (typeof PHASES)[number];

/** The phase a meeting opens in. */
export const FIRST_PHASE: Phase = PHASES[0];

/** Phases in which the meeting is still running (everything but CLOSED). */
export const OPEN_PHASES = PHASES.filter((p) => p !== "CLOSED");
