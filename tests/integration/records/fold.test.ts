// The meeting's state and statistics are folds over its log: replaying the stored log of a
// scripted meeting gives exactly what the state tables hold and what the API shows, now and
// after any event number.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { runScriptedMeeting, type ScriptedMeeting } from "../../helpers/record-meeting";
import { replayMeeting, type MeetingState } from "@/core/stats/replay";
import { meetingStats } from "@/core/stats/meeting";
import { readSnapshot } from "@/server/services/snapshot";
import { readLog } from "@/server/services/records/log";
import type { RouterOutputs } from "@/lib/trpc/types";

let app: TestApp;
let m: ScriptedMeeting;
/** What the room API showed after each command, keyed by the last event number it reflected. */
const shown = new Map<number, RouterOutputs["meetings"]["room"]>();

async function capture() {
  const room = await app.as(m.obs).meetings.room({ meetingId: m.meetingId });
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

const stateOfDb = async () => {
  const snap = await readSnapshot(app.deps.db, m.meetingId);
  return {
    title: snap.title,
    description: snap.description,
    phase: snap.phase,
    phaseSince: snap.phaseSince,
    lastSeq: snap.lastSeq,
    members: snap.members.map((x) => ({
      userId: x.userId,
      role: x.role,
      joinedAt: x.joinedAt,
      active: x.active,
    })),
    token: snap.token,
  };
};
const foldOf = (s: MeetingState) => ({
  title: s.title,
  description: s.description,
  phase: s.phase,
  phaseSince: s.phaseSince,
  lastSeq: s.lastSeq,
  members: s.members,
  token: s.token,
});
/** The parts of the room view the fold determines. */
const roomOf = (room: RouterOutputs["meetings"]["room"]) => ({
  phase: room.meeting.phase,
  phaseSince: room.meeting.phaseSince,
  turnLimitSec: room.meeting.turnLimitSec,
  members: room.members.map((x) => [x.userId, x.role]),
  holder: room.holder && [room.holder.userId, room.holder.since],
  queue: room.queue.map((q) => [q.userId, q.position, q.since]),
});
const replayOf = (r: Omit<RouterOutputs["records"]["replay"], "event">) => ({
  phase: r.phase,
  phaseSince: r.phaseSince,
  turnLimitSec: r.turnLimitSec,
  members: r.members.filter((x) => x.active).map((x) => [x.userId, x.role]),
  holder: r.holder && [r.holder.userId, r.holder.since],
  queue: r.queue.map((q) => [q.userId, q.position, q.since]),
});

describe("the log is the truth", () => {
  it("replaying the whole log gives exactly the state tables", async () => {
    const events = await readLog(app.deps.db, m.meetingId);
    expect(foldOf(replayMeeting(events))).toEqual(await stateOfDb());
    expect(replayMeeting(events).token.holder?.userId).toBe(m.fac.userId); // a state worth comparing
  });

  it("the replay API shows, after any event number, what the room showed at that moment", async () => {
    expect(shown.size).toBeGreaterThanOrEqual(6);
    for (const [seq, room] of shown) {
      const replay = await app.as(m.fac).records.replay({ meetingId: m.meetingId, seq });
      expect(replay.seq).toBe(seq);
      expect(replayOf(replay), `after event #${seq}`).toEqual(roomOf(room));
    }
  });

  it("the replay API equals the fold at every event number, and clamps past the end", async () => {
    const events = await readLog(app.deps.db, m.meetingId);
    for (let seq = 0; seq <= events.length; seq += 1) {
      const replay = await app.as(m.bob).records.replay({ meetingId: m.meetingId, seq });
      const s = replayMeeting(events, seq);
      expect(replay.seq).toBe(s.lastSeq);
      expect(replay.holder?.userId ?? null).toBe(s.token.holder?.userId ?? null);
      expect(replay.queue.map((q) => q.userId)).toEqual(s.token.queue.map((q) => q.userId));
      expect(replay.members.map((x) => [x.userId, x.role, x.active])).toEqual(
        s.members.map((x) => [x.userId, x.role, x.active]),
      );
      expect(replay.phase).toBe(s.phase);
    }
    const past = await app.as(m.bob).records.replay({ meetingId: m.meetingId, seq: 1_000_000 });
    expect(past.seq).toBe(events.length);
  });

  it("the statistics API is the fold of the log at the server's time", async () => {
    const events = await readLog(app.deps.db, m.meetingId);
    const api = await app.as(m.obs).records.stats({ meetingId: m.meetingId });
    const fold = meetingStats(events, app.deps.clock.now());
    expect(api.equity).toBe(fold.equity);
    expect(api.totalSpeakingMs).toBe(fold.totalSpeakingMs);
    expect(api.participants.map(({ name: _name, ...p }) => p)).toEqual(fold.participants);
    expect(api.speakingId).toBe(m.fac.userId);
    // Ana has held the floor for 4 s since the grant: the running turn counts.
    const ana = api.participants.find((p) => p.userId === m.fac.userId)!;
    expect(ana.turns).toBe(2);
    expect(api.participants.map((p) => p.name)).toEqual(["Ana", "Bob", "Cy", "Olga"]);
  });

  it("statistics follow live: a new event changes what the API shows", async () => {
    const before = await app.as(m.obs).records.stats({ meetingId: m.meetingId });
    app.deps.clock.advance(30_000);
    await app.as(m.fac).tokens.release({ meetingId: m.meetingId });
    const after = await app.as(m.obs).records.stats({ meetingId: m.meetingId });
    const ana = (s: typeof before) => s.participants.find((p) => p.userId === m.fac.userId)!.speakingMs;
    expect(ana(after) - ana(before)).toBe(30_000);
    expect(after.lastSeq).toBe(before.lastSeq + 1);
    expect(after.speakingId).toBeNull();
  });

  it("lets an auditor find a meeting's record by any case of its title", async () => {
    const auditor = await app.user("Audrey", "AUDITOR");
    const room = await app.as(m.obs).meetings.room({ meetingId: m.meetingId });
    const piece = room.meeting.title.slice(1, 6);
    for (const search of [piece.toUpperCase(), piece.toLowerCase()]) {
      const found = await app.as(auditor).records.list({ search });
      expect(
        found.items.map((r) => r.meetingId),
        search,
      ).toContain(m.meetingId);
    }
  });

  it("refuses statistics and replay to outsiders", async () => {
    const outsider = await app.user("Mallory");
    await expect(app.as(outsider).records.stats({ meetingId: m.meetingId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.as(outsider).records.replay({ meetingId: m.meetingId, seq: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.as(outsider).records.verify({ meetingId: m.meetingId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.as(outsider).records.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(app.as(null).records.stats({ meetingId: m.meetingId })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
