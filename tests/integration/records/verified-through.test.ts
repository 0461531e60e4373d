// "Verified through event #N" without re-hashing the chain for every event: each command checks
// the stored head before it appends, and loading a room walks the whole chain once. A change to
// the last event stops the mark at the next command; a change further back is found by the walk;
// an intact log keeps the mark at its head, event after event.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { governanceMeeting, type GovernanceMeeting } from "../../helpers/governance";
import { createRealtime } from "@/server/realtime/realtime-deps";

let app: TestApp;
let m: GovernanceMeeting;

beforeEach(async () => {
  app = await createTestApp();
  m = await governanceMeeting(app);
});
afterEach(() => app.close());

const head = () =>
  app.deps.db.meeting.findUniqueOrThrow({
    where: { id: m.meetingId },
    select: { lastSeq: true, verifiedThrough: true },
  });
const record = async () => (await app.room(m.obs, m.meetingId)).record;

/** Changes a stored event's payload behind the application's back. */
async function forge(seq: number) {
  await app.deps.db.$executeRaw`UPDATE "AuditEvent" SET "payload" = '{"userId":"forged"}'
    WHERE "meetingId" = ${m.meetingId} AND "seq" = ${seq}`;
}

describe("the verified-through mark", () => {
  it("follows the head of an intact log, as the room shows", async () => {
    await app.as(m.bob).tokens.request({ meetingId: m.meetingId });
    await app.as(m.cy).tokens.request({ meetingId: m.meetingId });
    const { lastSeq, verifiedThrough } = await head();
    expect(verifiedThrough).toBe(lastSeq);
    expect(await record()).toEqual({ ok: true, lastSeq, verifiedThrough: lastSeq });
  });

  it("stops before a changed last event at the next command, and stays there", async () => {
    await app.as(m.bob).tokens.request({ meetingId: m.meetingId });
    const before = await head();
    await forge(before.lastSeq);
    await app.as(m.cy).tokens.request({ meetingId: m.meetingId });
    await app.as(m.fac).meetings.configure({ meetingId: m.meetingId, turnLimitSec: 60 });
    const after = await head();
    expect(after.lastSeq).toBe(before.lastSeq + 2);
    expect(after.verifiedThrough).toBe(before.lastSeq - 1);
    expect(await record()).toEqual({
      ok: false,
      lastSeq: after.lastSeq,
      verifiedThrough: before.lastSeq - 1,
    });
  });

  it("a change further back is found when a process loads the room, which records it", async () => {
    await app.as(m.bob).tokens.request({ meetingId: m.meetingId });
    await app.as(m.cy).tokens.request({ meetingId: m.meetingId });
    await forge(3);
    // The running process still trusts what it appended; a process that loads the room walks the chain.
    const fresh = createRealtime(app.deps.db, app.deps.bus, app.deps.clock);
    try {
      const view = await fresh.live.view(m.meetingId, { userId: m.obs.userId, globalRole: "USER" });
      expect(view.state.verifiedThrough).toBe(2);
      expect((await head()).verifiedThrough).toBe(2);
      // And the commands that follow keep it there.
      await app.as(m.fac).meetings.configure({ meetingId: m.meetingId, turnLimitSec: 60 });
      expect((await head()).verifiedThrough).toBe(2);
    } finally {
      fresh.live.close();
      fresh.presence.close();
    }
  });
});
