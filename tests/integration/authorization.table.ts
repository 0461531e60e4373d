// The access policy that tests/integration/authorization.test.ts holds every tRPC procedure to,
// and how to call each procedure (valid input, the state an allowed call needs).
import type { SessionUser } from "@/server/auth/session";
import type { ActorKind } from "@/core/roles";
import type { Phase } from "@/core/phases/phase";
import { nextPhase } from "@/core/phases/machine";
import type { TestApp } from "../helpers/app";
import { codeAt, freshTwoFactor, givePassword, PASSWORD } from "../helpers/accounts";

/** One meeting in a given phase, built through the API, and the people around it. */
export interface Fixture {
  app: TestApp;
  phase: Phase;
  meetingId: string;
  inviteCode: string;
  /** Everyone, by actor kind (null: anonymous); `pia` is a second participant, a target. */
  people: Record<ActorKind, SessionUser | null> & { pia: SessionUser };
  /** Ideas posted in Ideation by the facilitator and by the participant. */
  ideaOf: { FACILITATOR: string; PARTICIPANT: string };
  /** A yes/no proposal: open in Decision, closed in the later phases, null before Decision. */
  proposalId: string | null;
}

interface Row {
  /** "meeting": run in every phase of a fresh meeting; "global": run once per actor kind. */
  scope: "meeting" | "global";
  /** The procedure's VALID input in this fixture, for this actor. */
  input: (f: Fixture, actor: SessionUser | null) => unknown;
  /** Runs only when the call is expected to succeed: puts the meeting in a state where it can. */
  setup?: (f: Fixture, actor: SessionUser) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// THE ACCESS POLICY, as the product states it: how every call ends, per actor kind and phase.
// Written out here, not computed from src/core/permissions.ts: a change to the matrix fails
// tests/integration/authorization.test.ts until this table is changed (and reviewed) too.
//
//   .  succeeds                   S  UNAUTHORIZED: sign in first
//   R  FORBIDDEN: not this role   P  PRECONDITION_FAILED: not in this phase (Closed: read-only)
//
// Meeting procedures: five letters per actor kind, one per phase: Ideation, Clarification,
// Decision, Feedback, Closed. Global procedures: one letter per actor kind (outside a meeting,
// facilitators, participants, observers and non-members are all ordinary accounts). ADMIN and
// AUDITOR are global roles, not members of the meeting.
// ---------------------------------------------------------------------------------------------
// prettier-ignore
export const EXPECTED: Record<string, string> = {
  //                                   ADMIN AUDIT FACIL PARTI OBSER NONME ANONY
  "account.signUp":                   "  .     .     .     .     .     .     .  ",
  "account.status":                   "  .     .     .     .     .     .     .  ",
  "account.me":                       "  .     .     .     .     .     .     S  ",
  "video.iceServers":                 "  .     .     .     .     .     .     S  ",
  "account.twoFactorStatus":          "  .     .     .     .     .     .     S  ",
  "account.changePassword":           "  .     .     .     .     .     .     S  ",
  "account.beginTwoFactor":           "  .     .     .     .     .     .     S  ",
  "account.confirmTwoFactor":         "  .     .     .     .     .     .     S  ",
  "account.regenerateRecoveryCodes":  "  .     .     .     .     .     .     S  ",
  "account.disableTwoFactor":         "  .     .     .     .     .     .     S  ",
  "meetings.create":                  "  .     R     .     .     .     .     S  ",
  "meetings.mine":                    "  .     .     .     .     .     .     S  ",
  "meetings.room":                    "..... ..... ..... ..... ..... RRRRR SSSSS",
  // A member opening the invite link again changes nothing, so it is always possible.
  "meetings.join":                    "....P RRRRR ..... ..... ..... ....P SSSSS",
  "meetings.leave":                   "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "meetings.setRole":                 "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "meetings.configure":               "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "live.stream":                      "..... ..... ..... ..... ..... RRRRR SSSSS",
  // Ephemeral messages (pointers, signals) are between the meeting's members, while it runs.
  "live.send":                        "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "tokens.request":                   "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  // Video: members join and leave the call; facilitators mute and set the microphone policy.
  "video.join":                       "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "video.leave":                      "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "video.mute":                       "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "video.setMicPolicy":               "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "video.sfuPublish":                 "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "video.sfuSubscribe":               "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "video.sfuAnswer":                  "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "video.sfuUnsubscribe":             "RRRRR RRRRR ....P ....P ....P RRRRR SSSSS",
  "tokens.withdraw":                  "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "tokens.release":                   "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "tokens.revoke":                    "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "tokens.grant":                     "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "tokens.dismiss":                   "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  // The canvas: speakers draw while they hold the floor; facilitators clear and set who draws.
  "annotations.draw":                 "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "annotations.move":                 "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "annotations.erase":                "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "annotations.undo":                 "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "annotations.redo":                 "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "annotations.clear":                "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "annotations.setPolicy":            "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  // A fair floor: facilitators set the order and decide points of order; speakers raise them.
  "floor.setPolicy":                  "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "floor.raisePoint":                 "RRRRR RRRRR ....P ....P RRRRR RRRRR SSSSS",
  "floor.grantPoint":                 "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "floor.declinePoint":               "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "floor.reorder":                    "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "phases.change":                    "....P RRRRR ....P RRRRR RRRRR RRRRR SSSSS",
  "ideas.post":                       "RRRRR RRRRR .PPPP .PPPP RRRRR RRRRR SSSSS",
  // Authors revise their own idea, in Clarification; an admin revises anyone's (moderation).
  "ideas.revise":                     "P.PPP RRRRR P.PPP P.PPP RRRRR RRRRR SSSSS",
  "ideas.comment":                    "RRRRR RRRRR P.PPP P.PPP RRRRR RRRRR SSSSS",
  "decisions.open":                   "PP.PP RRRRR PP.PP RRRRR RRRRR RRRRR SSSSS",
  "decisions.vote":                   "RRRRR RRRRR PP.PP PP.PP RRRRR RRRRR SSSSS",
  "decisions.close":                  "PP.PP RRRRR PP.PP RRRRR RRRRR RRRRR SSSSS",
  "feedback.give":                    "RRRRR RRRRR PPP.P PPP.P RRRRR RRRRR SSSSS",
  "records.list":                     "  .     .     R     R     R     R     S  ",
  "records.verify":                   "..... ..... ..... ..... ..... RRRRR SSSSS",
  "records.replay":                   "..... ..... ..... ..... ..... RRRRR SSSSS",
  "admin.listUsers":                  "  .     R     R     R     R     R     S  ",
  "admin.createUser":                 "  .     R     R     R     R     R     S  ",
  "admin.setRole":                    "  .     R     R     R     R     R     S  ",
  "admin.setDisabled":                "  .     R     R     R     R     R     S  ",
  "admin.resetTwoFactor":             "  .     R     R     R     R     R     S  ",
  "admin.resetPassword":              "  .     R     R     R     R     R     S  ",
  "admin.securitySettings":           "  .     .     R     R     R     R     S  ",
  "admin.setTwoFactorPolicy":         "  .     R     R     R     R     R     S  ",
  "admin.auditLog":                   "  .     .     R     R     R     R     S  ",
  "admin.verifyAuditLog":             "  .     .     R     R     R     R     S  ",
};

// HOW TO ADD A ROW: every procedure of appRouter needs a line in EXPECTED above AND a row in
// TABLE below; the test fails for a procedure that lacks either.
//   "router.procedure": meeting((f, actor) => input, setup?)
//       Called by all 7 actor kinds in all 5 phases. `setup` runs before a call EXPECTED to
//       succeed, to put the meeting in a state where it can (someone queued before tokens.grant).
//   "router.procedure": global((f, actor) => input, setup?)   not tied to a meeting.
// Inputs must be valid: the point is that only the actor and the phase decide the outcome.

const meeting = (input: Row["input"], setup?: Row["setup"]): Row => ({ scope: "meeting", input, setup });
const global = (input: Row["input"] = () => undefined, setup?: Row["setup"]): Row => ({
  scope: "global",
  input,
  setup,
});

const ref = (f: Fixture) => ({ meetingId: f.meetingId });
const proposal = (f: Fixture) => ({ meetingId: f.meetingId, proposalId: f.proposalId ?? "prop_none" });
let unique = 0;
/** Second-factor state the account rows' setups prepare for their inputs, by user id. */
const pendingCode = new Map<string, string>();
const recoveryCode = new Map<string, string>();
const resetTarget = new Map<"id", string>();

/** The facilitator and the second participant, as callers. */
const fac = (f: Fixture) => f.app.as(f.people.FACILITATOR);
const as = (f: Fixture, who: SessionUser) => f.app.as(who);
/** The actor and the second participant both in the video call (to receive one another). */
async function bothInCall(f: Fixture, actor: SessionUser) {
  for (const who of [actor, f.people.pia])
    await as(f, who).video.join({ ...ref(f), camera: true, microphone: true });
}
/** Someone else holds the token and Pia waits in the queue. */
const penShape = (id: string) => ({
  kind: "pen" as const,
  id,
  color: "blue" as const,
  width: 4 as const,
  points: [
    [10, 10],
    [40, 60],
  ] as [number, number][],
});
const takeFloor = async (f: Fixture, actor: SessionUser) => {
  await as(f, actor).tokens.request(ref(f));
};
const drewOne = async (f: Fixture, actor: SessionUser) => {
  await takeFloor(f, actor);
  await as(f, actor).annotations.draw({ ...ref(f), shape: penShape("s-auth-1") });
};
const piaQueued = async (f: Fixture) => {
  await as(f, f.people.PARTICIPANT!).tokens.request(ref(f));
  await as(f, f.people.pia).tokens.request(ref(f));
};
const piaRaisesPoint = async (f: Fixture) => {
  await as(f, f.people.pia).floor.raisePoint({ ...ref(f), reason: "Point of order" });
};

export const TABLE: Record<string, Row> = {
  // account
  "account.signUp": global(() => ({
    name: "Newcomer",
    email: `newcomer-${++unique}@example.test`,
    password: "correct horse battery",
  })),
  "account.status": global(),
  "account.me": global(),
  "video.iceServers": global(),
  "account.twoFactorStatus": global(),
  "account.changePassword": global(
    () => ({ currentPassword: PASSWORD, newPassword: `a new password ${++unique}` }),
    (f, actor) => givePassword(f.app, actor),
  ),
  "account.beginTwoFactor": global(),
  "account.confirmTwoFactor": global(
    (_f, actor) => ({ code: pendingCode.get(actor?.userId ?? "") ?? "000000" }),
    async (f, actor) => {
      await f.app.deps.db.user.update({ where: { id: actor.userId }, data: { totpEnabledAt: null } });
      const { secret } = await f.app.as(actor).account.beginTwoFactor();
      pendingCode.set(actor.userId, await codeAt(f.app, secret));
    },
  ),
  "account.regenerateRecoveryCodes": global(
    (_f, actor) => ({ code: recoveryCode.get(actor?.userId ?? "") ?? "00000-00000" }),
    async (f, actor) => void recoveryCode.set(actor.userId, (await freshTwoFactor(f.app, actor))[0]),
  ),
  // Admins and Auditors may turn 2FA off only while the policy does not require it for them.
  "account.disableTwoFactor": global(
    (_f, actor) => ({ code: recoveryCode.get(actor?.userId ?? "") ?? "00000-00000" }),
    async (f, actor) => {
      await f.app.as(f.people.ADMIN).admin.setTwoFactorPolicy({ policy: "OFF" });
      recoveryCode.set(actor.userId, (await freshTwoFactor(f.app, actor))[0]);
    },
  ),

  // meetings
  "meetings.create": global(() => ({ title: "Another meeting" })),
  "meetings.mine": global(),
  "meetings.room": meeting(ref),
  "meetings.join": meeting((f) => ({ inviteCode: f.inviteCode })),
  "meetings.leave": meeting(ref, async (f, actor) => {
    // The only facilitator may not leave a meeting with people in it: give it a second one.
    if (actor === f.people.FACILITATOR) {
      await fac(f).meetings.setRole({ ...ref(f), userId: f.people.pia.userId, role: "FACILITATOR" });
    }
  }),
  "meetings.setRole": meeting((f) => ({
    ...ref(f),
    userId: f.people.pia.userId,
    role: "OBSERVER",
  })),
  "meetings.configure": meeting((f) => ({ ...ref(f), turnLimitSec: 60 })),

  // the live room: its stream, and the ephemeral messages beside the log
  "live.stream": meeting((f) => ({ ...ref(f), lastEventId: 0 })),
  "live.send": meeting((f) => ({ ...ref(f), channel: "pointer", body: { x: 10, y: 20 } })),

  // speaking token
  "tokens.request": meeting(ref),
  "video.join": meeting((f) => ({ ...ref(f), camera: true, microphone: true })),
  "video.leave": meeting(ref),
  "video.mute": meeting(
    (f) => ({ ...ref(f), userId: f.people.pia.userId }),
    async (f) => {
      await as(f, f.people.pia).video.join({ ...ref(f), camera: true, microphone: true });
    },
  ),
  "video.setMicPolicy": meeting((f) => ({ ...ref(f), policy: "OPEN" })),
  "video.sfuPublish": meeting(
    (f) => ({ ...ref(f), sdp: "v=0" }),
    async (f, actor) => void (await as(f, actor).video.join({ ...ref(f), camera: true, microphone: true })),
  ),
  "video.sfuSubscribe": meeting((f) => ({ ...ref(f), feedOf: f.people.pia.userId }), bothInCall),
  "video.sfuAnswer": meeting((f) => ({ ...ref(f), feedOf: f.people.pia.userId, sdp: "v=0" }), bothInCall),
  "video.sfuUnsubscribe": meeting((f) => ({ ...ref(f), feedOf: f.people.pia.userId })),
  "tokens.withdraw": meeting(ref, async (f, actor) => {
    await as(f, f.people.pia).tokens.request(ref(f));
    await as(f, actor).tokens.request(ref(f));
  }),
  "tokens.release": meeting(ref, async (f, actor) => {
    await as(f, actor).tokens.request(ref(f));
  }),
  "tokens.revoke": meeting(ref, async (f) => {
    await as(f, f.people.pia).tokens.request(ref(f));
  }),
  "tokens.grant": meeting((f) => ({ ...ref(f), userId: f.people.pia.userId }), piaQueued),
  "tokens.dismiss": meeting((f) => ({ ...ref(f), userId: f.people.pia.userId }), piaQueued),

  // the shared canvas: the actor takes the floor (free in a fresh meeting) before drawing
  "annotations.draw": meeting((f) => ({ ...ref(f), shape: penShape("s-auth-1") }), takeFloor),
  "annotations.move": meeting((f) => ({ ...ref(f), shapeId: "s-auth-1", dx: 5, dy: 5 }), drewOne),
  "annotations.erase": meeting((f) => ({ ...ref(f), shapeId: "s-auth-1" }), drewOne),
  "annotations.undo": meeting(ref, drewOne),
  "annotations.redo": meeting(ref, async (f, actor) => {
    await drewOne(f, actor);
    await as(f, actor).annotations.undo(ref(f));
  }),
  "annotations.clear": meeting(ref, async (f) => drewOne(f, f.people.pia)),
  "annotations.setPolicy": meeting((f) => ({ ...ref(f), drawPolicy: "HOLDER_AND_FACILITATORS" })),
  // a fair floor
  "floor.setPolicy": meeting((f) => ({ ...ref(f), policy: "LEAST_TIME" })),
  "floor.raisePoint": meeting((f) => ({ ...ref(f), reason: "The quorum is not met" })),
  "floor.grantPoint": meeting((f) => ({ ...ref(f), userId: f.people.pia.userId }), piaRaisesPoint),
  "floor.declinePoint": meeting(
    (f) => ({ ...ref(f), userId: f.people.pia.userId, reason: "Not now" }),
    piaRaisesPoint,
  ),
  // Pia waits behind the facilitator: she moves up a place.
  "floor.reorder": meeting(
    (f) => ({ ...ref(f), userId: f.people.pia.userId, direction: "up", reason: "Short question" }),
    async (f) => {
      await as(f, f.people.PARTICIPANT!).tokens.request(ref(f));
      await fac(f).tokens.request(ref(f));
      await as(f, f.people.pia).tokens.request(ref(f));
    },
  ),

  // governance
  "phases.change": meeting(
    (f) => ({ ...ref(f), to: nextPhase(f.phase) ?? "CLOSED" }),
    async (f) => {
      if (f.phase === "DECISION") await fac(f).decisions.close(proposal(f));
    },
  ),
  "ideas.post": meeting((f) => ({ ...ref(f), text: "One more idea" })),
  // The facilitator and the participant each revise their own idea, the others the participant's.
  "ideas.revise": meeting((f, actor) => ({
    ...ref(f),
    ideaId: actor?.userId === f.people.FACILITATOR!.userId ? f.ideaOf.FACILITATOR : f.ideaOf.PARTICIPANT,
    text: "A revised text",
  })),
  "ideas.comment": meeting((f) => ({
    ...ref(f),
    ideaId: f.ideaOf.PARTICIPANT,
    kind: "question",
    text: "What would it cost?",
  })),
  "decisions.open": meeting((f) => ({
    ...ref(f),
    title: "A new proposal",
    options: { kind: "choices", labels: ["Red", "Blue"] },
    secrecy: "secret",
    quorumPercent: 50,
    majority: "twoThirds",
  })),
  "decisions.vote": meeting((f) => ({ ...proposal(f), optionId: "yes" })),
  "decisions.close": meeting(proposal),
  "feedback.give": meeting((f) => ({ ...ref(f), rating: 4, comment: "Fine" })),

  // records: reading a meeting's record. Downloads are HTTP routes, tested apart
  // (tests/integration/records/exports.test.ts).
  "records.list": global(() => ({})),
  "records.verify": meeting(ref),
  "records.replay": meeting((f) => ({ ...ref(f), seq: 1 })),

  // admin console
  "admin.listUsers": global(() => ({ query: "a" })),
  "admin.createUser": global(() => ({
    name: "Created",
    email: `created-${++unique}@example.test`,
    role: "USER",
  })),
  "admin.setRole": global((f) => ({ userId: f.people.pia.userId, role: "USER" })),
  "admin.setDisabled": global((f) => ({
    userId: f.people.pia.userId,
    disabled: false,
  })),
  "admin.resetTwoFactor": global(
    () => ({ userId: resetTarget.get("id") ?? "u_none" }),
    async (f) => {
      const target = await f.app.user("Target");
      await freshTwoFactor(f.app, target);
      resetTarget.set("id", target.userId);
    },
  ),
  "admin.resetPassword": global((f) => ({ userId: f.people.pia.userId })),
  "admin.securitySettings": global(),
  "admin.setTwoFactorPolicy": global(() => ({ policy: "PRIVILEGED" })),
  "admin.auditLog": global(() => ({ limit: 10 })),
  "admin.verifyAuditLog": global(),
};

/** People for the fixtures: created once, members of each fixture's meeting by kind. */
export async function createPeople(app: TestApp) {
  return {
    ADMIN: await app.user("Adele", "ADMIN"),
    AUDITOR: await app.user("Audrey", "AUDITOR"),
    FACILITATOR: await app.user("Ana"),
    PARTICIPANT: await app.user("Paul"),
    OBSERVER: await app.user("Olga"),
    NON_MEMBER: await app.user("Nina"),
    ANONYMOUS: null,
    pia: await app.user("Pia"),
  } satisfies Fixture["people"];
}

/** A fresh meeting, taken through the API to `phase`, with ideas and (from Decision) a proposal. */
export async function buildFixture(app: TestApp, people: Fixture["people"], phase: Phase): Promise<Fixture> {
  const facilitator = app.as(people.FACILITATOR);
  const { meetingId } = await facilitator.meetings.create({ title: `Fixture ${phase}` });
  const m = await facilitator.meetings.room({ meetingId });
  for (const who of [people.PARTICIPANT!, people.OBSERVER!, people.pia]) {
    await app.as(who).meetings.join({ inviteCode: m.inviteCode });
  }
  await facilitator.meetings.setRole({ meetingId, userId: people.OBSERVER!.userId, role: "OBSERVER" });
  const ideaOf = {
    FACILITATOR: (await facilitator.ideas.post({ meetingId, text: "The facilitator's idea" })).ideaId,
    PARTICIPANT: (await app.as(people.PARTICIPANT).ideas.post({ meetingId, text: "The participant's idea" }))
      .ideaId,
  };
  let proposalId: string | null = null;
  for (let p: Phase = "IDEATION"; p !== phase;) {
    if (p === "DECISION") await facilitator.decisions.close({ meetingId, proposalId: proposalId! });
    p = nextPhase(p)!;
    await facilitator.phases.change({ meetingId, to: p });
    if (p === "DECISION") {
      ({ proposalId } = await facilitator.decisions.open({
        meetingId,
        title: "Adopt the participant's idea",
        linkedIdeaIds: [ideaOf.PARTICIPANT],
        options: { kind: "yesNoAbstain" },
        secrecy: "open",
        quorumPercent: 50,
        majority: "simple",
      }));
    }
  }
  return { app, phase, meetingId, inviteCode: m.inviteCode, people, ideaOf, proposalId };
}
