// The meeting's state and statistics are folds over its log: folding the stored log of a scripted
// meeting gives exactly what the state tables hold and what the room API shows, now and after
// any event number.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestRoom } from "../../helpers/app";
import { runScriptedMeeting, type ScriptedMeeting } from "../../helpers/record-meeting";
import { foldRoom } from "@/core/room/fold";
import { toRoomEnvelope } from "@/core/room/envelope";
import type { RoomState } from "@/core/room/state";
import type { TokenState } from "@/core/tokens/engine";
import { meetingStats, roomStats } from "@/core/stats/meeting";
import { readSnapshot } from "@/server/services/snapshot";
import { readLog } from "@/server/services/records/log";

let app: TestApp;
let m: ScriptedMeeting;
/** What the room API showed after each command, keyed by the last event number it reflected. */
const shown = new Map<number, TestRoom>();

async function capture() {
  const room = await app.room(m.obs, m.meetingId);
  shown.set(room.meeting.lastSeq, room);
}

beforeAll(async () => {
  app = await createTestApp();
  m = await runScriptedMeeting(app, { until: "DECISION" });
  const { meetingId, fac, bob, cy } = m;
  await capture();
  await app.as(fac).meetings.configure({ meetingId, turnLimitSec: 300 });
  await capture();
  app.deps.clock.advance(7_000);
  await app.as(bob).tokens.request({ meetingId });
  await capture();
  app.deps.clock.advance(3_000);
  await app.as(cy).tokens.request({ meetingId });
  await capture();
  await app.as(fac).tokens.request({ meetingId });
  await capture();
  app.deps.clock.advance(12_000);
  await app.as(fac).tokens.grant({ meetingId, userId: fac.userId }); // jumps Cy, ends Bob's turn
  await capture();
  await app.as(fac).meetings.setRole({ meetingId, userId: cy.userId, role: "OBSERVER" }); // leaves the queue
  await capture();
  app.deps.clock.advance(4_000);
});
afterAll(() => app.close());

const fold = async (upToSeq = Infinity) =>
  foldRoom(
    m.meetingId,
    (await readLog(app.deps.db, m.meetingId)).filter((r) => r.seq <= upToSeq).map(toRoomEnvelope),
  );

/** The meeting, its members and its token as the state tables hold them. */
async function tablesMeeting() {
  const snap = await readSnapshot(app.deps.db, m.meetingId);
  return {
    title: snap.title,
    description: snap.description,
    phase: snap.phase,
    phaseSince: snap.phaseSince.getTime(),
    seq: snap.lastSeq,
    members: snap.members.map((x) => ({
      userId: x.userId,
      role: x.role,
      joinedAt: x.joinedAt.getTime(),
      active: x.active,
    })),
    token: storedToken(snap.token),
  };
}

/**
 * The token as its tables hold it. Turns, speaking time and facilitator moves are not stored:
 * commands fold them from the log when someone waits (services/floor-order.ts).
 */
const storedToken = ({ holder, queue, turnLimitSec, policy, points }: TokenState) => ({
  holder,
  queue,
  turnLimitSec,
  policy,
  points,
});

const foldMeeting = (s: RoomState) => ({
  title: s.title,
  description: s.description,
  phase: s.phase,
  phaseSince: s.phaseSince,
  seq: s.seq,
  members: s.members,
  token: storedToken(s.token),
});

/** Ideas, proposals and votes as the governance tables hold them. */
async function tablesGovernance() {
  const db = app.deps.db;
  const ideas = await db.idea.findMany({
    where: { meetingId: m.meetingId },
    include: { revisions: { orderBy: { number: "asc" } }, comments: { orderBy: { seq: "asc" } } },
    orderBy: { seq: "asc" },
  });
  const proposals = await db.proposal.findMany({
    where: { meetingId: m.meetingId },
    include: { openVotes: { orderBy: { userId: "asc" } } },
    orderBy: { seq: "asc" },
  });
  return {
    ideas: ideas.map((i) => ({
      ideaId: i.id,
      authorId: i.authorId,
      text: i.text,
      revisions: i.revisions.map((r) => [r.number, r.text, r.authorId]),
      comments: i.comments.map((c) => [c.id, c.kind, c.text, c.authorId]),
    })),
    proposals: proposals.map((p) => ({
      proposalId: p.id,
      title: p.title,
      ballots: p.openVotes.map((v) => [v.userId, v.optionId]),
      closed: p.closedAt !== null,
    })),
  };
}

const foldGovernance = (s: RoomState) => ({
  ideas: s.ideas.map((i) => ({
    ideaId: i.ideaId,
    authorId: i.authorId,
    text: i.text,
    revisions: i.revisions.map((r) => [r.number, r.text, r.authorId]),
    comments: i.comments.map((c) => [c.commentId, c.kind, c.text, c.authorId]),
  })),
  proposals: s.proposals.map((p) => ({
    proposalId: p.proposalId,
    title: p.title,
    ballots: [...p.ballots].sort((a, b) => (a.userId < b.userId ? -1 : 1)).map((b) => [b.userId, b.optionId]),
    closed: p.closedAt !== null,
  })),
});

describe("the log is the truth", () => {
  it("folding the whole log gives exactly the state tables", async () => {
    const s = await fold();
    expect(foldMeeting(s)).toEqual(await tablesMeeting());
    expect(foldGovernance(s)).toEqual(await tablesGovernance());
    expect(s.token.holder?.userId).toBe(m.fac.userId); // a state worth comparing
    expect(s.ideas[0].revisions).toHaveLength(2);
  });

  it("the room API is that fold, with the names of the people it refers to", async () => {
    const room = await app.room(m.obs, m.meetingId);
    const fromLog = await fold();
    const fromApi = room.view.state;
    expect({ ...fromApi, people: {} }).toEqual({ ...fromLog, people: {}, verifiedThrough: fromApi.seq });
    expect(Object.values(fromApi.people).sort()).toEqual(["Ana", "Bob", "Cy", "Olga"]);
  });

  it("the replay API shows, after any event number, what the room showed at that moment", async () => {
    expect(shown.size).toBeGreaterThanOrEqual(6);
    for (const [seq, room] of shown) {
      const replay = await app.as(m.obs).records.replay({ meetingId: m.meetingId, seq });
      expect(replay.state, `after event #${seq}`).toEqual(room.view.state);
    }
  });

  it("the replay API equals the fold at every event number, and clamps past the end", async () => {
    const events = await readLog(app.deps.db, m.meetingId);
    for (let seq = 0; seq <= events.length; seq += 1) {
      const replay = await app.as(m.bob).records.replay({ meetingId: m.meetingId, seq });
      const s = await fold(seq);
      expect(foldMeeting(replay.state), `after event #${seq}`).toEqual(foldMeeting(s));
      expect(foldGovernance(replay.state)).toEqual(foldGovernance(s));
    }
    const past = await app.as(m.bob).records.replay({ meetingId: m.meetingId, seq: 1_000_000 });
    expect(past.state.seq).toBe(events.length);
    expect(past.lastSeq).toBe(events.length);
  });

  it("the room's statistics are the records' fold of the log at the server's time", async () => {
    const events = await readLog(app.deps.db, m.meetingId);
    const room = await app.room(m.obs, m.meetingId);
    const now = app.deps.clock.now();
    expect(roomStats(room.view.state, now.getTime())).toEqual(meetingStats(events, now));
    // Ana has held the floor for 4 s since the grant: the running turn counts.
    const ana = meetingStats(events, now).participants.find((p) => p.userId === m.fac.userId)!;
    expect(ana.turns).toBe(2);
  });

  it("statistics follow live: a new event changes what the room shows", async () => {
    const before = await app.room(m.obs, m.meetingId);
    app.deps.clock.advance(30_000);
    await app.as(m.fac).tokens.release({ meetingId: m.meetingId });
    const after = await app.room(m.obs, m.meetingId);
    const now = app.deps.clock.now().getTime();
    const ana = (r: TestRoom) =>
      roomStats(r.view.state, now).participants.find((p) => p.userId === m.fac.userId)!.speakingMs;
    // Before: the running turn counted up to now; after: closed at the release, the same instant.
    expect(ana(after)).toBe(ana(before));
    expect(after.meeting.lastSeq).toBe(before.meeting.lastSeq + 1);
    expect(after.holder).toBeNull();
  });

  it("lets an auditor find a meeting's record by any case of its title", async () => {
    const auditor = await app.user("Audrey", "AUDITOR");
    const room = await app.room(m.obs, m.meetingId);
    const piece = room.meeting.title.slice(1, 6);
    for (const search of [piece.toUpperCase(), piece.toLowerCase()]) {
      const found = await app.as(auditor).records.list({ search });
      expect(
        found.items.map((r) => r.meetingId),
        search,
      ).toContain(m.meetingId);
    }
  });

  it("refuses the replay and the room to outsiders", async () => {
    const outsider = await app.user("Mallory");
    await expect(app.as(outsider).records.replay({ meetingId: m.meetingId, seq: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.as(outsider).meetings.room({ meetingId: m.meetingId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.as(outsider).records.verify({ meetingId: m.meetingId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.as(outsider).records.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(app.as(null).records.replay({ meetingId: m.meetingId, seq: 1 })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
