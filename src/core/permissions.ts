import { refuse } from "./errors";
import type { ActorKind, GlobalRole } from "./roles";
import type { Phase } from "./phases/phase";
import { OPEN_PHASES, PHASES } from "./phases/phase";

/**
 * THE permission table, in its two scopes; routers, services and the UI ask it, and no role check
 * is written anywhere else. Preconditions that depend on state ("only the holder releases") live
 * in the engines.
 * - Meeting scope (PERMISSIONS): who someone is in the meeting (ActorKind) and the meeting's phase
 *   decide.
 * - Global scope (GLOBAL_PERMISSIONS): outside any meeting, only the global role decides; no phase
 *   is asked, so none can be made up.
 */
const ALL: readonly Phase[] = PHASES;
const OPEN: readonly Phase[] = OPEN_PHASES;

/** A meeting-scope row: for each actor kind, the phases in which the action is allowed. */
type MeetingScopeRow = Partial<Record<ActorKind, readonly Phase[]>>;
/** A global-scope row: the global roles that may, whatever meetings they are in. */
type GlobalScopeRow = readonly GlobalRole[];

const staff = (phases: readonly Phase[]): MeetingScopeRow => ({ FACILITATOR: phases, ADMIN: phases });
const speakers = (phases: readonly Phase[]): MeetingScopeRow => ({
  FACILITATOR: phases,
  PARTICIPANT: phases,
});
const members = (phases: readonly Phase[]): MeetingScopeRow => ({
  FACILITATOR: phases,
  PARTICIPANT: phases,
  OBSERVER: phases,
});
/** Members, and the global Admins and Auditors who look after every meeting. */
const readers = (phases: readonly Phase[]): MeetingScopeRow => ({
  ...members(phases),
  ADMIN: ALL,
  AUDITOR: ALL,
});

export const PERMISSIONS = {
  "meeting.view": readers(ALL),
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
  // A fair floor: the queue's order policy, points of order, moves in the queue.
  "floor.setPolicy": staff(OPEN),
  "floor.raisePoint": speakers(OPEN),
  "floor.grantPoint": staff(OPEN),
  "floor.declinePoint": staff(OPEN),
  "floor.reorder": staff(OPEN),

  // Ephemeral messages beside the log (pointers, strokes in progress, signals): members of an
  // open meeting; what each channel carries may narrow it further.
  "live.send": members(OPEN),

  // The shared canvas: speakers may draw, and the board itself narrows it to the floor's holder
  // (and facilitators, when the meeting says so: board/board.ts). Clearing is the staff's.
  "board.draw": speakers(OPEN),
  "board.clear": staff(OPEN),
  // Video (video/video.ts): members join the call and send signals to each other; whose
  // microphone may open and who shares the screen also depend on the floor (the holder, unless
  // the microphones are open); facilitators mute anyone and set the microphone policy.
  "video.join": members(OPEN),
  "video.leave": members(OPEN),
  "video.signal": members(OPEN),
  "video.unmute": members(OPEN),
  "video.shareScreen": speakers(OPEN),
  "video.mute": staff(OPEN),
  "video.micPolicy": staff(OPEN),

  // Speakers take part; observers follow without acting. Which phase allows what is stated here,
  // row by row (PHASE_ALLOWS only describes it to people).
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

  // The record. Global Admins and Auditors read every meeting's record, in any phase, without
  // being members; members download their own meeting's record once it is Closed.
  "record.export": readers(["CLOSED"]),
  "record.verify": readers(ALL),
  "meeting.stats": readers(ALL),
  "meeting.replay": readers(ALL),
} as const satisfies Record<string, MeetingScopeRow>;

const SIGNED_IN: GlobalScopeRow = ["ADMIN", "AUDITOR", "USER"];

const GLOBAL_PERMISSIONS = {
  /** Auditors watch; they start nothing. */
  "meeting.create": ["ADMIN", "USER"],
  "meeting.listMine": SIGNED_IN,
  /** One's own password and second factor. */
  "account.manage": SIGNED_IN,
  "record.list": ["ADMIN", "AUDITOR"],

  // Instance administration: Auditors read, never change.
  "admin.users.list": ["ADMIN"],
  "admin.users.create": ["ADMIN"],
  "admin.users.setRole": ["ADMIN"],
  "admin.users.setDisabled": ["ADMIN"],
  "admin.users.resetTwoFactor": ["ADMIN"],
  "admin.users.resetPassword": ["ADMIN"],
  "admin.settings.read": ["ADMIN", "AUDITOR"],
  "admin.settings.update": ["ADMIN"],
  "admin.audit.read": ["ADMIN", "AUDITOR"],
} as const satisfies Record<string, GlobalScopeRow>;

/** Something done in one meeting (meeting scope). */
export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** Something done outside any meeting (global scope). */
export type GlobalAction = keyof typeof GLOBAL_PERMISSIONS;
export const GLOBAL_ACTIONS = Object.keys(GLOBAL_PERMISSIONS) as GlobalAction[];

/** Instance administration. */
export type AdminAction = Extract<GlobalAction, `admin.${string}`>;

/**
 * Meeting actions that change nothing in the meeting, so they stay possible once it is Closed.
 * (An export appends its own record.exported event: a fact about the record, not a change to it.)
 */
export const READ_ACTIONS: readonly Action[] = [
  "meeting.view",
  "record.export",
  "record.verify",
  "meeting.stats",
  "meeting.replay",
  "feedback.summary",
];

export type Denial = "SIGN_IN" | "ROLE" | "PHASE";

/** Why a meeting action is refused (null when allowed): no sign-in, the wrong role, or the phase. */
export function denial(kind: ActorKind, action: Action, phase: Phase): Denial | null {
  const row: MeetingScopeRow = PERMISSIONS[action];
  const phases = row[kind];
  if (phases && phases.includes(phase)) return null;
  if (kind === "ANONYMOUS") return "SIGN_IN";
  // Allowed to this kind in other phases: the phase is the reason; otherwise the role is.
  return phases && phases.length > 0 ? "PHASE" : "ROLE";
}

export function can(kind: ActorKind, action: Action, phase: Phase): boolean {
  return denial(kind, action, phase) === null;
}

/** Is `action` possible in `phase` for anyone at all (what the phase is for, from the table)? */
export function phaseAllows(action: Action, phase: Phase): boolean {
  const row: MeetingScopeRow = PERMISSIONS[action];
  return Object.values(row).some((phases) => phases.includes(phase));
}

/** Everything a viewer may do right now, for the UI to enable/disable controls with a reason. */
export function capabilities(kind: ActorKind, phase: Phase): Record<Action, Denial | null> {
  return Object.fromEntries(ACTIONS.map((a) => [a, denial(kind, a, phase)])) as Record<Action, Denial | null>;
}

const DENIAL_ERRORS = {
  SIGN_IN: () => refuse("SIGN_IN"),
  ROLE: (action: Action | GlobalAction) => refuse("ROLE_FORBIDS", { action }),
  PHASE: (action: Action, phase: Phase) =>
    phase === "CLOSED" ? refuse("MEETING_CLOSED", { action }) : refuse("PHASE_FORBIDS", { action, phase }),
} as const;

/** Throws the matching domain error when the table refuses the meeting action. */
export function assertAllowed(kind: ActorKind, action: Action, phase: Phase): void {
  const why = denial(kind, action, phase);
  if (why) throw DENIAL_ERRORS[why](action, phase);
}

/** Who asks a global question: a signed-in account's global role, or nobody (null). */
export type GlobalViewer = { globalRole: GlobalRole } | null;

/** THE global question: why `viewer` may not do `action` outside any meeting (null: allowed). */
export function globalDenial(viewer: GlobalViewer, action: GlobalAction): Exclude<Denial, "PHASE"> | null {
  if (!viewer) return "SIGN_IN";
  const row: GlobalScopeRow = GLOBAL_PERMISSIONS[action];
  return row.includes(viewer.globalRole) ? null : "ROLE";
}

export function canGlobally(viewer: GlobalViewer, action: GlobalAction): boolean {
  return globalDenial(viewer, action) === null;
}

/** Throws the matching domain error when the table refuses the global action. */
export function assertAllowedGlobally(viewer: GlobalViewer, action: GlobalAction): void {
  const why = globalDenial(viewer, action);
  if (why) throw DENIAL_ERRORS[why](action);
}
