// The table that tests/integration/authorization.test.ts checks every tRPC procedure against.
import type { SessionUser } from "@/server/auth/session";
import type { ActorKind } from "@/core/roles";
import type { Phase } from "@/core/phases/phase";
import { denial, type Action, type Denial } from "@/core/permissions";
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

/** What the matrix says for this actor kind in this phase: null = allowed, else why not. */
export type Expect = (kind: ActorKind, phase: Phase) => Denial | null;

export interface Row {
  /** "meeting": run in every phase of a fresh meeting; "global": run once per actor kind. */
  scope: "meeting" | "global";
  expect: Expect;
  /** The procedure's VALID input in this fixture, for this actor. */
  input: (f: Fixture, actor: SessionUser | null) => unknown;
  /** Runs only when the call is expected to succeed: puts the meeting in a state where it can. */
  setup?: (f: Fixture, actor: SessionUser) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// HOW TO ADD A ROW (every procedure of appRouter needs one; the test fails for any it lacks):
//
//   "router.procedure": meeting("matrix.action", (f) => ({ meetingId: f.meetingId, ... })),
//       A meeting command or query that asks the matrix for `matrix.action`. Checked for all 7
//       actor kinds in all 5 phases: allowed -> must succeed; SIGN_IN -> UNAUTHORIZED;
//       ROLE -> FORBIDDEN; PHASE -> PRECONDITION_FAILED. Give a third argument `setup` when an
//       allowed call needs some state first (someone queued before `tokens.grant`...).
//   "router.procedure": global("matrix.action", (f) => input),
//       Not tied to a meeting: the matrix is asked with the actor's GLOBAL kind (ADMIN, AUDITOR,
//       or NON_MEMBER for every ordinary account, facilitators included).
//   "router.procedure": publicRow(input)   anyone, even signed out.
//   "router.procedure": authed(input)      any signed-in user (own data: account.me, ...).
//   "router.procedure": custom("meeting" | "global", (kind, phase) => Denial | null, input, setup?)
//       anything else, stated through the matrix (see meetings.join, ideas.revise).
//
// Inputs must be valid: the point is that only the actor and the phase decide the outcome.
// ---------------------------------------------------------------------------------------------

const matrix =
  (action: Action): Expect =>
  (kind, phase) =>
    denial(kind, action, phase);

/** An ordinary account is a NON_MEMBER outside any meeting, whatever its roles in meetings. */
export function globalKind(kind: ActorKind): ActorKind {
  return kind === "ADMIN" || kind === "AUDITOR" || kind === "ANONYMOUS" ? kind : "NON_MEMBER";
}

export const meeting = (action: Action, input: Row["input"], setup?: Row["setup"]): Row => ({
  scope: "meeting",
  expect: matrix(action),
  input,
  setup,
});
export const global = (action: Action, input: Row["input"] = () => undefined): Row => ({
  scope: "global",
  expect: (kind, phase) => denial(globalKind(kind), action, phase),
  input,
});
export const publicRow = (input: Row["input"] = () => undefined): Row => ({
  scope: "global",
  expect: () => null,
  input,
});
export const authed = (input: Row["input"] = () => undefined): Row => ({
  scope: "global",
  expect: (kind) => (kind === "ANONYMOUS" ? "SIGN_IN" : null),
  input,
});
export const custom = (
  scope: Row["scope"],
  expect: Expect,
  input: Row["input"],
  setup?: Row["setup"],
): Row => ({
  scope,
  expect,
  input,
  setup,
});

const MEMBER_KINDS: readonly ActorKind[] = ["FACILITATOR", "PARTICIPANT", "OBSERVER"];
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
/** Someone else holds the token and Pia waits in the queue. */
const piaQueued = async (f: Fixture) => {
  await as(f, f.people.PARTICIPANT!).tokens.request(ref(f));
  await as(f, f.people.pia).tokens.request(ref(f));
};

export const TABLE: Record<string, Row> = {
  // account (issue 5 adds its rows here)
  "account.signUp": publicRow(() => ({
    name: "Newcomer",
    email: `newcomer-${++unique}@example.test`,
    password: "correct horse battery",
  })),
  "account.status": publicRow(),
  "account.me": authed(),
  "account.twoFactorStatus": authed(),
  "account.changePassword": custom(
    "global",
    (kind) => (kind === "ANONYMOUS" ? "SIGN_IN" : null),
    () => ({ currentPassword: PASSWORD, newPassword: `a new password ${++unique}` }),
    (f, actor) => givePassword(f.app, actor),
  ),
  "account.beginTwoFactor": authed(),
  "account.confirmTwoFactor": custom(
    "global",
    (kind) => (kind === "ANONYMOUS" ? "SIGN_IN" : null),
    (_f, actor) => ({ code: pendingCode.get(actor?.userId ?? "") ?? "000000" }),
    async (f, actor) => {
      await f.app.deps.db.user.update({ where: { id: actor.userId }, data: { totpEnabledAt: null } });
      const { secret } = await f.app.as(actor).account.beginTwoFactor();
      pendingCode.set(actor.userId, await codeAt(f.app, secret));
    },
  ),
  "account.regenerateRecoveryCodes": custom(
    "global",
    (kind) => (kind === "ANONYMOUS" ? "SIGN_IN" : null),
    (_f, actor) => ({ code: recoveryCode.get(actor?.userId ?? "") ?? "00000-00000" }),
    async (f, actor) => void recoveryCode.set(actor.userId, (await freshTwoFactor(f.app, actor))[0]),
  ),
  // Admins and Auditors may turn 2FA off only while the policy does not require it for them.
  "account.disableTwoFactor": custom(
    "global",
    (kind) => (kind === "ANONYMOUS" ? "SIGN_IN" : null),
    (_f, actor) => ({ code: recoveryCode.get(actor?.userId ?? "") ?? "00000-00000" }),
    async (f, actor) => {
      await f.app.as(f.people.ADMIN).admin.setTwoFactorPolicy({ policy: "OFF" });
      recoveryCode.set(actor.userId, (await freshTwoFactor(f.app, actor))[0]);
    },
  ),

  // meetings
  "meetings.create": global("meeting.create", () => ({ title: "Another meeting" })),
  "meetings.mine": global("meeting.listMine"),
  "meetings.room": meeting("meeting.view", ref),
  // A member opening the invite link again changes nothing and may always do so (the room then
  // shows what "meeting.view" allows); anyone else joins under "meeting.join".
  "meetings.join": custom(
    "meeting",
    (kind, phase) => (MEMBER_KINDS.includes(kind) ? null : denial(kind, "meeting.join", phase)),
    (f) => ({ inviteCode: f.inviteCode }),
  ),
  "meetings.leave": meeting("meeting.leave", ref, async (f, actor) => {
    // The only facilitator may not leave a meeting with people in it: give it a second one.
    if (actor === f.people.FACILITATOR) {
      await fac(f).meetings.setRole({ ...ref(f), userId: f.people.pia.userId, role: "FACILITATOR" });
    }
  }),
  "meetings.setRole": meeting("meeting.setRole", (f) => ({
    ...ref(f),
    userId: f.people.pia.userId,
    role: "OBSERVER",
  })),
  "meetings.configure": meeting("meeting.configure", (f) => ({ ...ref(f), turnLimitSec: 60 })),

  // the live room: its stream, and the ephemeral messages beside the log
  "live.stream": meeting("meeting.view", (f) => ({ ...ref(f), lastEventId: 0 })),
  "live.send": meeting("live.send", (f) => ({ ...ref(f), channel: "pointer", body: { x: 10, y: 20 } })),

  // speaking token
  "tokens.request": meeting("token.request", ref),
  "tokens.withdraw": meeting("token.withdraw", ref, async (f, actor) => {
    await as(f, f.people.pia).tokens.request(ref(f));
    await as(f, actor).tokens.request(ref(f));
  }),
  "tokens.release": meeting("token.release", ref, async (f, actor) => {
    await as(f, actor).tokens.request(ref(f));
  }),
  "tokens.revoke": meeting("token.revoke", ref, async (f) => {
    await as(f, f.people.pia).tokens.request(ref(f));
  }),
  "tokens.grant": meeting("token.grant", (f) => ({ ...ref(f), userId: f.people.pia.userId }), piaQueued),
  "tokens.dismiss": meeting("token.dismiss", (f) => ({ ...ref(f), userId: f.people.pia.userId }), piaQueued),

  // governance (issue 3)
  "phases.change": meeting(
    "phase.change",
    (f) => ({ ...ref(f), to: nextPhase(f.phase) ?? "CLOSED" }),
    async (f) => {
      if (f.phase === "DECISION") await fac(f).decisions.close(proposal(f));
    },
  ),
  "ideas.post": meeting("idea.post", (f) => ({ ...ref(f), text: "One more idea" })),
  // Authors revise their own idea ("idea.revise"); anyone else needs "idea.reviseAny". The
  // facilitator and the participant each revise their own idea here, the others the participant's.
  "ideas.revise": custom(
    "meeting",
    (kind, phase) =>
      kind === "FACILITATOR" || kind === "PARTICIPANT"
        ? denial(kind, "idea.revise", phase)
        : denial(kind, "idea.reviseAny", phase),
    (f, actor) => ({
      ...ref(f),
      ideaId: actor?.userId === f.people.FACILITATOR!.userId ? f.ideaOf.FACILITATOR : f.ideaOf.PARTICIPANT,
      text: "A revised text",
    }),
  ),
  "ideas.comment": meeting("comment.post", (f) => ({
    ...ref(f),
    ideaId: f.ideaOf.PARTICIPANT,
    kind: "question",
    text: "What would it cost?",
  })),
  "decisions.open": meeting("proposal.open", (f) => ({
    ...ref(f),
    title: "A new proposal",
    options: { kind: "choices", labels: ["Red", "Blue"] },
    secrecy: "secret",
    quorumPercent: 50,
    majority: "twoThirds",
  })),
  "decisions.vote": meeting("proposal.vote", (f) => ({ ...proposal(f), optionId: "yes" })),
  "decisions.close": meeting("proposal.close", proposal),
  "feedback.give": meeting("feedback.give", (f) => ({ ...ref(f), rating: 4, comment: "Fine" })),

  // records (issue 4): reading a meeting's record. Downloads are HTTP routes, tested apart
  // (tests/integration/records/exports.test.ts).
  "records.list": global("record.list", () => ({})),
  "records.verify": meeting("record.verify", ref),
  "records.replay": meeting("meeting.replay", (f) => ({ ...ref(f), seq: 1 })),

  // admin console (issue 5)
  "admin.listUsers": global("admin.users.list", () => ({ query: "a" })),
  "admin.createUser": global("admin.users.create", () => ({
    name: "Created",
    email: `created-${++unique}@example.test`,
    role: "USER",
  })),
  "admin.setRole": global("admin.users.setRole", (f) => ({ userId: f.people.pia.userId, role: "USER" })),
  "admin.setDisabled": global("admin.users.setDisabled", (f) => ({
    userId: f.people.pia.userId,
    disabled: false,
  })),
  "admin.resetTwoFactor": {
    ...global("admin.users.resetTwoFactor", () => ({ userId: resetTarget.get("id") ?? "u_none" })),
    setup: async (f) => {
      const target = await f.app.user("Target");
      await freshTwoFactor(f.app, target);
      resetTarget.set("id", target.userId);
    },
  },
  "admin.resetPassword": global("admin.users.resetPassword", (f) => ({ userId: f.people.pia.userId })),
  "admin.securitySettings": global("admin.settings.read"),
  "admin.setTwoFactorPolicy": global("admin.settings.update", () => ({ policy: "PRIVILEGED" })),
  "admin.auditLog": global("admin.audit.read", () => ({ limit: 10 })),
  "admin.verifyAuditLog": global("admin.audit.read"),
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
