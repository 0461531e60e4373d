import { DomainError } from "./errors";
import type { ActorKind } from "./roles";
import type { Phase } from "./phases/phase";
import { OPEN_PHASES, PHASES } from "./phases/phase";

/**
 * THE permission matrix: action x actor kind -> phases in which it is allowed.
 * Routers and UI ask this table; no role check is written anywhere else.
 * Preconditions that depend on state (e.g. "only the holder releases") live in the engines.
 */
const ALL: readonly Phase[] = PHASES;
const OPEN: readonly Phase[] = OPEN_PHASES;

type Row = Partial<Record<ActorKind, readonly Phase[]>>;

const staff = (phases: readonly Phase[]): Row => ({ FACILITATOR: phases, ADMIN: phases });
const speakers = (phases: readonly Phase[]): Row => ({ FACILITATOR: phases, PARTICIPANT: phases });
const members = (phases: readonly Phase[]): Row => ({
  FACILITATOR: phases,
  PARTICIPANT: phases,
  OBSERVER: phases,
});
const signedIn = (phases: readonly Phase[]): Row => ({
  ...members(phases),
  ADMIN: phases,
  AUDITOR: phases,
  NON_MEMBER: phases,
});

export const PERMISSIONS = {
  // Not tied to one meeting: the phase argument is ignored (every phase listed).
  "meeting.create": { ...signedIn(ALL), AUDITOR: [] },
  "meeting.listMine": signedIn(ALL),

  "meeting.view": { ...members(ALL), ADMIN: ALL, AUDITOR: ALL },
  "meeting.join": { NON_MEMBER: OPEN, ADMIN: OPEN },
  "meeting.leave": members(OPEN),
  "meeting.setRole": staff(OPEN),
  "meeting.configure": staff(OPEN),

  "token.request": speakers(OPEN),
  "token.withdraw": speakers(OPEN),
  "token.release": speakers(OPEN),
  "token.grant": staff(OPEN),
  "token.revoke": staff(OPEN),
  "token.dismiss": staff(OPEN),

  // Ephemeral messages beside the log (pointers, strokes in progress, signals): members of an
  // open meeting; what each channel carries may narrow it further.
  "live.send": members(OPEN),

  // Governance (issue 3). Speakers take part; observers follow without acting. Which phase allows
  // what is stated here, row by row (PHASE_ALLOWS only describes it to people).
  "phase.change": staff(OPEN),
  "idea.post": speakers(["IDEATION"]),
  /** Revising one's own idea; "idea.reviseAny" is revising anyone's (moderation). */
  "idea.revise": speakers(["CLARIFICATION"]),
  "idea.reviseAny": staff(["CLARIFICATION"]),
  "comment.post": speakers(["CLARIFICATION"]),
  "proposal.open": staff(["DECISION"]),
  "proposal.close": staff(["DECISION"]),
  "proposal.vote": speakers(["DECISION"]),
  "feedback.give": speakers(["FEEDBACK"]),
  "feedback.summary": { FACILITATOR: ALL, ADMIN: ALL, AUDITOR: ALL },

  // The record (issue 4). Global Admins and Auditors read every meeting's record, in any phase,
  // without being members; members download their own meeting's record once it is Closed.
  "record.list": { ADMIN: ALL, AUDITOR: ALL },
  "record.export": { ...members(["CLOSED"]), ADMIN: ALL, AUDITOR: ALL },
  "record.verify": { ...members(ALL), ADMIN: ALL, AUDITOR: ALL },
  "meeting.stats": { ...members(ALL), ADMIN: ALL, AUDITOR: ALL },
  "meeting.replay": { ...members(ALL), ADMIN: ALL, AUDITOR: ALL },

  // Instance administration (issue 5): global, the phase is ignored. Auditors read, never change.
  "admin.users.list": { ADMIN: ALL },
  "admin.users.create": { ADMIN: ALL },
  "admin.users.setRole": { ADMIN: ALL },
  "admin.users.setDisabled": { ADMIN: ALL },
  "admin.users.resetTwoFactor": { ADMIN: ALL },
  "admin.users.resetPassword": { ADMIN: ALL },
  "admin.settings.read": { ADMIN: ALL, AUDITOR: ALL },
  "admin.settings.update": { ADMIN: ALL },
  "admin.audit.read": { ADMIN: ALL, AUDITOR: ALL },
} as const satisfies Record<string, Row>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** Instance administration: not tied to a meeting, so no phase applies. */
export type AdminAction = Extract<Action, `admin.${string}`>;
export const isAdminAction = (a: Action): a is AdminAction => a.startsWith("admin.");
export const ADMIN_ACTIONS = ACTIONS.filter(isAdminAction);

/**
 * Actions that change nothing in the meeting, so they stay possible once it is Closed. (An
 * export appends its own record.exported event: a fact about the record, not a change to it.)
 */
export const READ_ACTIONS: readonly Action[] = [
  "meeting.create",
  "meeting.listMine",
  "meeting.view",
  "record.list",
  "record.export",
  "record.verify",
  "meeting.stats",
  "meeting.replay",
  "feedback.summary",
];

export type Denial = "SIGN_IN" | "ROLE" | "PHASE";

/** Why an action is refused (null when allowed): a missing sign-in, the wrong role, or the phase. */
export function denial(kind: ActorKind, action: Action, phase: Phase): Denial | null {
  const row: Row = PERMISSIONS[action];
  const phases = row[kind];
  if (phases && phases.includes(phase)) return null;
  if (kind === "ANONYMOUS") return "SIGN_IN";
  // Allowed to this kind in other phases: the phase is the reason; otherwise the role is.
  return phases && phases.length > 0 ? "PHASE" : "ROLE";
}

export function can(kind: ActorKind, action: Action, phase: Phase): boolean {
  return denial(kind, action, phase) === null;
}

/** Everything a viewer may do right now, for the UI to enable/disable controls with a reason. */
export function capabilities(kind: ActorKind, phase: Phase): Record<Action, Denial | null> {
  return Object.fromEntries(ACTIONS.map((a) => [a, denial(kind, a, phase)])) as Record<Action, Denial | null>;
}

const DENIAL_ERRORS = {
  SIGN_IN: () => new DomainError("UNAUTHORIZED", "Sign in first"),
  ROLE: (action: Action) => new DomainError("FORBIDDEN", `Your role does not allow ${action}`),
  PHASE: (action: Action, phase: Phase) =>
    new DomainError(
      "PRECONDITION_FAILED",
      phase === "CLOSED"
        ? `The meeting is closed: it is read-only (${action} refused)`
        : `${action} is not possible in phase ${phase}`,
    ),
} as const;

/** Throws the matching domain error when the matrix refuses the action. */
export function assertAllowed(kind: ActorKind, action: Action, phase: Phase): void {
  const why = denial(kind, action, phase);
  if (why) throw DENIAL_ERRORS[why](action, phase);
}

// Global rows list every phase, so any phase gives the same answer for them.
type GlobalAction = AdminAction | "meeting.create" | "meeting.listMine";

/** For actions outside any meeting: may this global kind (actorKindOf(viewer, null)) do it? */
export function canGlobally(kind: ActorKind, action: GlobalAction): boolean {
  return can(kind, action, PHASES[0]);
}

/** For actions outside any meeting: throws the matching domain error when refused. */
export function assertAllowedGlobally(kind: ActorKind, action: GlobalAction): void {
  assertAllowed(kind, action, PHASES[0]);
}
