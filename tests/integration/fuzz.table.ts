// The input generator of every tRPC procedure, for tests/integration/fuzz.test.ts. One entry per
// procedure of the app router; the test fails for a procedure without one (and for an entry
// whose procedure is gone).
//
// HOW TO ADD AN ENTRY
//   "router.procedure": fields({ meetingId: meeting, text: text(5000) }),
//       The input's fields, each with the values that reach the service (fuzz/inputs.ts: meeting,
//       user, idea, proposal, text(max), int(min, max), oneOf(...), email, list(field, max),
//       object({...})); the generator adds hostile values of every kind to each field.
//   "router.procedure": noInput(),
//       A procedure without input: it gets hostile inputs all the same (they must be ignored).
// Options (second argument):
//   refusedOnly: true   the caller may legitimately use it (sign up, create a meeting): only
//                       inputs its schema refuses are sent, and none may write anything;
//   answers: [...]      callers for whom a successful answer is legitimate (their own data, a
//                       public status): "signedOut", "member". Everyone else must get an error;
//   mayWrite: {...}     tables the MEMBER's calls may change, and why (a guess counted by the
//                       sign-in limits, its own pending 2FA secret). Nothing else may change.
// The callers are someone signed out and a participant of ANOTHER meeting, so no call of a
// meeting command may succeed: the targets are a meeting they do not belong to.
import { MAX_SDP_CHARS } from "@/lib/schemas/video";
import {
  email,
  idea,
  int,
  list,
  meeting,
  object,
  oneOf,
  proposal,
  text,
  user,
  type Field,
} from "./fuzz/inputs";

export type Caller = "signedOut" | "member";

export interface Entry {
  /** null: the procedure takes no input. */
  fields: Record<string, Field> | null;
  refusedOnly?: boolean;
  answers?: Caller[];
  mayWrite?: { tables: string[]; why: string };
}

const fields = (f: Record<string, Field>, options: Omit<Entry, "fields"> = {}): Entry => ({
  fields: f,
  ...options,
});
const noInput = (options: Omit<Entry, "fields"> = {}): Entry => ({ fields: null, ...options });

/** Wrong passwords and codes are counted (and a 10th locks the account, an audited event). */
const GUESSES_COUNTED = {
  tables: ["AuthAttempt", "AdminAuditEvent", "AdminAuditHead"],
  why: "failed password or code guesses are counted by the sign-in limits, and a lock is audited",
};

const code = oneOf("123456", "000000", "abcde12345", "12345", "1234567");
const phase = oneOf("DECISION", "IDEATION", "CLOSED", "FEEDBACK", "CLARIFICATION", "SPACE");

export const FUZZ_TABLE: Record<string, Entry> = {
  "account.signUp": fields(
    { name: text(80), email, password: text(200) },
    { refusedOnly: true, answers: ["signedOut", "member"] },
  ),
  "account.status": noInput({ answers: ["signedOut", "member"] }),
  "account.me": noInput({ answers: ["member"] }),
  "account.changePassword": fields(
    { currentPassword: text(200), newPassword: text(200) },
    { mayWrite: GUESSES_COUNTED },
  ),
  "account.twoFactorStatus": noInput({ answers: ["member"] }),
  "account.beginTwoFactor": noInput({
    answers: ["member"],
    mayWrite: { tables: ["User"], why: "starts the caller's own enrolment (a pending secret)" },
  }),
  "account.confirmTwoFactor": fields({ code }),
  "account.regenerateRecoveryCodes": fields({ code }, { mayWrite: GUESSES_COUNTED }),
  "account.disableTwoFactor": fields({ code }, { mayWrite: GUESSES_COUNTED }),

  "admin.listUsers": fields({ query: text(200), cursor: user, limit: int(1, 100) }),
  "admin.createUser": fields({ name: text(80), email, role: oneOf("ADMIN", "AUDITOR", "USER", "ROOT") }),
  "admin.setRole": fields({ userId: user, role: oneOf("ADMIN", "AUDITOR", "USER", "ROOT") }),
  "admin.setDisabled": fields({ userId: user, disabled: oneOf(true, false) }),
  "admin.resetTwoFactor": fields({ userId: user }),
  "admin.resetPassword": fields({ userId: user }),
  "admin.securitySettings": noInput(),
  "admin.setTwoFactorPolicy": fields({ policy: oneOf("OFF", "EVERYONE", "PRIVILEGED", "NONE") }),
  "admin.auditLog": fields({ cursor: int(1, 1_000_000), limit: int(1, 200) }),
  "admin.verifyAuditLog": noInput(),

  "meetings.create": fields(
    { title: text(200), description: text(5000) },
    { refusedOnly: true, answers: ["member"] },
  ),
  "meetings.mine": noInput({ answers: ["member"] }),
  "meetings.room": fields({ meetingId: meeting }),
  "meetings.join": fields({ inviteCode: oneOf("not-a-code", "ABCDEFGH", "a".repeat(64)) }),
  "meetings.leave": fields({ meetingId: meeting }),
  "meetings.setRole": fields({
    meetingId: meeting,
    userId: user,
    role: oneOf("FACILITATOR", "OBSERVER", "PARTICIPANT", "KING"),
  }),
  "meetings.configure": fields({ meetingId: meeting, turnLimitSec: int(10, 3600) }),

  "live.stream": fields({ meetingId: meeting, lastEventId: int(0, 1_000_000) }),
  "live.send": fields({
    meetingId: meeting,
    channel: oneOf("pointer", "shout"),
    to: user,
    body: object({ x: int(0, 1600), y: int(0, 900) }),
  }),

  "tokens.request": fields({ meetingId: meeting }),
  "video.join": fields({ meetingId: meeting, camera: oneOf(true, false, "yes"), microphone: oneOf(true, 1) }),
  "video.leave": fields({ meetingId: meeting }),
  "video.mute": fields({ meetingId: meeting, userId: user }),
  "video.setMicPolicy": fields({ meetingId: meeting, policy: oneOf("OPEN", "FLOOR", "LOUD") }),
  "video.iceServers": noInput({ answers: ["member"] }),
  // The SFU's procedures: refused before Janus is asked (the fuzzed app has none configured).
  "video.sfuPublish": fields({ meetingId: meeting, sdp: text(MAX_SDP_CHARS) }),
  "video.sfuSubscribe": fields({ meetingId: meeting, feedOf: user }),
  "video.sfuAnswer": fields({ meetingId: meeting, feedOf: user, sdp: text(MAX_SDP_CHARS) }),
  "video.sfuUnsubscribe": fields({ meetingId: meeting, feedOf: user }),
  "tokens.withdraw": fields({ meetingId: meeting }),
  "tokens.release": fields({ meetingId: meeting }),
  "tokens.revoke": fields({ meetingId: meeting }),
  "tokens.grant": fields({ meetingId: meeting, userId: user, reason: text(200) }),
  "tokens.dismiss": fields({ meetingId: meeting, userId: user }),

  "annotations.draw": fields({
    meetingId: meeting,
    shape: object({
      kind: oneOf("pen", "rect", "note", "star"),
      id: text(40),
      color: oneOf("blue", "red", "#123456"),
      width: int(2, 16),
      points: list(list(int(0, 1600), 2), 600),
      from: list(int(0, 900), 2),
      to: list(int(0, 900), 2),
      at: list(int(0, 900), 2),
      text: text(500),
    }),
  }),
  "annotations.move": fields({
    meetingId: meeting,
    shapeId: text(40),
    dx: int(-1600, 1600),
    dy: int(-1600, 1600),
  }),
  "annotations.erase": fields({ meetingId: meeting, shapeId: text(40) }),
  "annotations.undo": fields({ meetingId: meeting }),
  "annotations.redo": fields({ meetingId: meeting }),
  "annotations.clear": fields({ meetingId: meeting }),
  "annotations.setPolicy": fields({
    meetingId: meeting,
    drawPolicy: oneOf("HOLDER", "HOLDER_AND_FACILITATORS", "ANYONE"),
  }),
  "floor.setPolicy": fields({
    meetingId: meeting,
    policy: oneOf("FIRST_COME", "FEWEST_TURNS", "LEAST_TIME", "LOUDEST"),
  }),
  "floor.raisePoint": fields({ meetingId: meeting, reason: text(200) }),
  "floor.grantPoint": fields({ meetingId: meeting, userId: user }),
  "floor.declinePoint": fields({ meetingId: meeting, userId: user, reason: text(200) }),
  "floor.reorder": fields({
    meetingId: meeting,
    userId: user,
    direction: oneOf("up", "down", "sideways"),
    places: int(1, 10_000),
    reason: text(200),
  }),

  "phases.change": fields({ meetingId: meeting, to: phase, reason: text(500) }),

  "ideas.post": fields({ meetingId: meeting, text: text(2000) }),
  "ideas.revise": fields({ meetingId: meeting, ideaId: idea, text: text(2000) }),
  "ideas.comment": fields({
    meetingId: meeting,
    ideaId: idea,
    kind: oneOf("comment", "question", "rant"),
    text: text(2000),
  }),

  "decisions.open": fields({
    meetingId: meeting,
    title: text(200),
    text: text(5000),
    linkedIdeaIds: list(idea, 50),
    options: object({ kind: oneOf("choices", "yesNoAbstain", "vote"), labels: list(text(200), 10) }),
    secrecy: oneOf("secret", "open", "public"),
    quorumPercent: int(0, 100),
    majority: oneOf("simple", "twoThirds", "unanimity", "most"),
  }),
  "decisions.vote": fields({
    meetingId: meeting,
    proposalId: proposal,
    optionId: oneOf("yes", "no", "abstain", "maybe"),
  }),
  "decisions.close": fields({ meetingId: meeting, proposalId: proposal }),

  "feedback.give": fields({ meetingId: meeting, rating: int(1, 5), comment: text(2000) }),

  "records.list": fields({ cursor: meeting, search: text(200) }, { answers: ["member"] }),
  "records.verify": fields({ meetingId: meeting }),
  "records.replay": fields({ meetingId: meeting, seq: int(0, 1_000_000) }),
};
