// The contract of the live room: a scripted meeting with every kind of event, followed over the
// real WebSocket by viewers of every kind. After each command, what each viewer's page folded
// from the stream (core/room/stream.ts, the browser's own function) equals what the server
// answers that viewer (meetings.room) and what a fresh fold of the stored log gives, disclosed
// to that viewer. Nobody is sent a rating that is not theirs; a viewer who may no longer see the
// room stops receiving at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { liveServer, type LiveServer } from "../../helpers/live-server";
import { wsClientFor } from "../../helpers/ws-client";
import { follow, type Follower } from "../../helpers/live-client";
import { loadRoom } from "@/server/realtime/room-loader";
import { expireTurns } from "@/server/services/tokens";
import { exportRecord } from "@/server/services/records/export";
import { discloseState } from "@/core/room/disclose";
import type { SessionUser } from "@/server/auth/session";

/** Every event type of the log, written out: the script below must produce each one. */
const EVERY_EVENT_TYPE = [
  "meeting.created",
  "meeting.configured",
  "member.joined",
  "member.left",
  "member.roleChanged",
  "phase.changed",
  "token.requested",
  "token.withdrawn",
  "token.granted",
  "token.released",
  "idea.posted",
  "idea.revised",
  "comment.posted",
  "proposal.opened",
  "vote.cast",
  "proposal.closed",
  "feedback.given",
  "record.exported",
];

let app: TestApp;
let live: LiveServer;
let port: number;
const closers: (() => void)[] = [];

interface Viewer {
  who: SessionUser;
  follower: Follower;
  /** Still allowed to follow the room (set false when they leave). */
  following: boolean;
}
const viewers = new Map<string, Viewer>();
let meetingId: string;
let people: Record<string, SessionUser>;

async function startFollowing(label: string, who: SessionUser) {
  const ws = await wsClientFor(port, who);
  closers.push(ws.close);
  const follower = follow(ws.client, meetingId);
  await follower.until((f) => f.messages.some((m) => m.t === "ready"), `${label} ready`);
  viewers.set(label, { who, follower, following: true });
}

const lastSeq = async () =>
  (await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq;

/** After a command: every follower has folded up to the log's head and agrees with the server. */
async function agree(step: string) {
  const head = await lastSeq();
  const { state: fresh } = await loadRoom(app.deps.db, meetingId);
  for (const [label, v] of viewers) {
    if (!v.following) continue;
    await v.follower.until((f) => (f.view?.state.seq ?? 0) >= head, `${label} to fold #${head} (${step})`);
    const answer = await app.room(v.who, meetingId);
    const viewer = { userId: v.who.userId, globalRole: v.who.globalRole };
    expect(v.follower.view!.state, `${label} after ${step}`).toEqual(answer.view.state);
    expect(answer.view.state, `${label}: server vs a fresh fold, after ${step}`).toEqual(
      discloseState(fresh, viewer),
    );
  }
}

beforeAll(async () => {
  app = await createTestApp();
  live = await liveServer(app);
  port = live.port;
  people = {
    ana: await app.user("Ana"),
    fay: await app.user("Fay"),
    bob: await app.user("Bob"),
    cy: await app.user("Cy"),
    olga: await app.user("Olga"),
    otto: await app.user("Otto"),
    adele: await app.user("Adele", "ADMIN"),
    audrey: await app.user("Audrey", "AUDITOR"),
  };
  // Admins and auditors follow without a second factor here (the policy is not what is tested).
  await app.as(people.adele).admin.setTwoFactorPolicy({ policy: "OFF" });
  ({ meetingId } = await app
    .as(people.ana)
    .meetings.create({ title: "Contract", description: "Every event" }));
});
afterAll(async () => {
  for (const close of closers) close();
  await live?.close();
  await app?.close();
});

describe("the live room contract", () => {
  it("every viewer's folded page equals the server's answer after every event", async () => {
    const { ana, fay, bob, cy, olga, otto, adele, audrey } = people;
    const as = (u: SessionUser) => app.as(u);
    const { meeting } = await app.room(ana, meetingId);
    const join = async (u: SessionUser) => as(u).meetings.join({ inviteCode: meeting.inviteCode });

    await startFollowing("facilitator", ana);
    await startFollowing("admin", adele);
    await startFollowing("auditor", audrey);
    for (const u of [fay, bob, cy, olga, otto]) await join(u);
    await as(ana).meetings.setRole({ meetingId, userId: olga.userId, role: "OBSERVER" });
    await as(ana).meetings.setRole({ meetingId, userId: otto.userId, role: "OBSERVER" });
    await startFollowing("participant", bob);
    await startFollowing("participant 2", cy);
    await startFollowing("observer", olga);
    await startFollowing("observer 2", otto);
    await startFollowing("participant made facilitator", fay);
    await agree("joining");

    const steps: [string, () => Promise<unknown>][] = [
      ["a turn limit", () => as(ana).meetings.configure({ meetingId, turnLimitSec: 60 })],
      ["Bob takes the floor", () => as(bob).tokens.request({ meetingId })],
      ["Cy queues", () => as(cy).tokens.request({ meetingId })],
      ["Fay queues", () => as(fay).tokens.request({ meetingId })],
      ["Fay withdraws", () => as(fay).tokens.withdraw({ meetingId })],
      [
        "the turn expires",
        async () => {
          app.deps.clock.advance(61_000);
          await expireTurns(app.deps);
        },
      ],
      ["Bob posts an idea", () => as(bob).ideas.post({ meetingId, text: "Four-day week" })],
      ["Cy posts an idea", () => as(cy).ideas.post({ meetingId, text: "Remote Fridays" })],
      [
        "Fay is made facilitator",
        () => as(ana).meetings.setRole({ meetingId, userId: fay.userId, role: "FACILITATOR" }),
      ],
      ["on to Clarification", () => as(ana).phases.change({ meetingId, to: "CLARIFICATION" })],
      [
        "back to Ideation with a reason",
        () => as(fay).phases.change({ meetingId, to: "IDEATION", reason: "One more idea" }),
      ],
      ["again to Clarification", () => as(ana).phases.change({ meetingId, to: "CLARIFICATION" })],
    ];
    for (const [step, run] of steps) {
      await run();
      await agree(step);
    }

    const ideaId = (await app.room(ana, meetingId)).board.ideas[0].ideaId;
    const more: [string, () => Promise<unknown>][] = [
      ["a question", () => as(cy).ideas.comment({ meetingId, ideaId, kind: "question", text: "Everyone?" })],
      ["Bob revises", () => as(bob).ideas.revise({ meetingId, ideaId, text: "Four-day week, by team" })],
      ["Cy releases", () => as(cy).tokens.release({ meetingId })],
      ["on to Decision", () => as(ana).phases.change({ meetingId, to: "DECISION" })],
    ];
    for (const [step, run] of more) {
      await run();
      await agree(step);
    }

    const open = await as(ana).decisions.open({
      meetingId,
      title: "Adopt the four-day week",
      linkedIdeaIds: [ideaId],
      options: { kind: "yesNoAbstain" },
      secrecy: "open",
      quorumPercent: 50,
      majority: "simple",
    });
    await agree("an open proposal");
    const secret = await as(fay).decisions.open({
      meetingId,
      title: "Pick a day",
      options: { kind: "choices", labels: ["Monday", "Friday"] },
      secrecy: "secret",
      quorumPercent: 0,
      majority: "simple",
    });
    await agree("a secret proposal");
    const votes: [string, () => Promise<unknown>][] = [
      [
        "Bob votes yes",
        () => as(bob).decisions.vote({ meetingId, proposalId: open.proposalId, optionId: "yes" }),
      ],
      [
        "Cy votes no",
        () => as(cy).decisions.vote({ meetingId, proposalId: open.proposalId, optionId: "no" }),
      ],
      [
        "Cy changes to yes",
        () => as(cy).decisions.vote({ meetingId, proposalId: open.proposalId, optionId: "yes" }),
      ],
      [
        "Bob votes in secret",
        () => as(bob).decisions.vote({ meetingId, proposalId: secret.proposalId, optionId: "choice-2" }),
      ],
      [
        "Cy votes in secret",
        () => as(cy).decisions.vote({ meetingId, proposalId: secret.proposalId, optionId: "choice-2" }),
      ],
      ["the open vote closes", () => as(ana).decisions.close({ meetingId, proposalId: open.proposalId })],
      [
        "the secret vote closes",
        () => as(adele).decisions.close({ meetingId, proposalId: secret.proposalId }),
      ],
      ["on to Feedback", () => as(ana).phases.change({ meetingId, to: "FEEDBACK" })],
      ["Bob rates", () => as(bob).feedback.give({ meetingId, rating: 4, comment: "Good pace" })],
      ["Cy rates", () => as(cy).feedback.give({ meetingId, rating: 2, comment: "Too long" })],
      [
        "an auditor downloads the record",
        () =>
          exportRecord(app.deps, audrey, meetingId, "csv", { locale: "en", keyUrl: "http://localhost/key" }),
      ],
    ];
    for (const [step, run] of votes) {
      await run();
      await agree(step);
    }

    // The secret ballot's counts appear only with the decision; before it, nobody had them.
    const before = viewers.get("participant")!.follower.messages;
    const secretCountsEarly = before.some(
      (m) =>
        m.t === "event" &&
        m.e.event.type === "vote.cast" &&
        m.e.event.proposalId === secret.proposalId &&
        "optionId" in m.e.event,
    );
    expect(secretCountsEarly).toBe(false);

    // Ratings: the author sees theirs, staff see every rating but not whose, others only counts.
    const ratingsSeenBy = (label: string) =>
      viewers.get(label)!.follower.view!.state.feedback.map((f) => [f.userId, f.rating, f.comment]);
    expect(ratingsSeenBy("participant")).toEqual([
      [bob.userId, 4, "Good pace"],
      [null, null, null],
    ]);
    expect(ratingsSeenBy("facilitator")).toEqual([
      [null, 4, "Good pace"],
      [null, 2, "Too long"],
    ]);
    expect(ratingsSeenBy("observer")).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    for (const [label, v] of viewers) {
      const leaked = JSON.stringify(v.follower.messages).includes("Too long");
      expect(leaked, `${label} received Cy's comment`).toBe(
        ["facilitator", "admin", "auditor", "participant made facilitator", "participant 2"].includes(label),
      );
    }

    // Otto leaves: his stream ends at once, and nothing of the meeting reaches him afterwards.
    const otto_ = viewers.get("observer 2")!;
    await as(otto).meetings.leave({ meetingId });
    otto_.following = false;
    await otto_.follower.until(
      (f) => f.messages.at(-1)?.t === "ended" && f.completed,
      "Otto's stream to end",
    );
    const seenByOtto = otto_.follower.messages.length;
    await as(bob).tokens.request({ meetingId });
    await agree("after Otto left");
    expect(otto_.follower.messages.length).toBe(seenByOtto);

    await as(ana).phases.change({ meetingId, to: "CLOSED" });
    await agree("closing");

    const types = new Set(
      (await app.deps.db.auditEvent.findMany({ where: { meetingId } })).map((r) => r.type),
    );
    expect([...types].sort()).toEqual([...EVERY_EVENT_TYPE].sort());
    // The role change that gave Fay the ratings reached her as a new snapshot, not an event.
    expect(
      viewers.get("participant made facilitator")!.follower.messages.filter((m) => m.t === "snapshot"),
    ).toHaveLength(2);
  });
});
