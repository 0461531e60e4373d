import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../helpers/database";
import type { SessionUser } from "@/server/auth/session";

const execFileAsync = promisify(execFile);

let app: TestApp;
let fac: SessionUser;
let people: SessionUser[];
let meetingId: string;

beforeEach(async () => {
  app = await createTestApp();
  fac = await app.user("Facilitator");
  ({ meetingId } = await app.as(fac).meetings.create({ title: "Race" }));
  const { meeting } = await app.room(fac, meetingId);
  people = await Promise.all(Array.from({ length: 50 }, (_, i) => app.user(`P${i}`)));
  for (const p of people) await app.as(p).meetings.join({ inviteCode: meeting.inviteCode });
});
afterEach(() => app?.close());

async function holders() {
  const m = await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
  return m.holderId;
}

describe("at most one holder under contention", () => {
  it("50 concurrent claims of a free token: one holder, 49 queued in a strict order", async () => {
    const results = await Promise.allSettled(people.map((p) => app.as(p).tokens.request({ meetingId })));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const granted = await app.deps.db.auditEvent.findMany({ where: { meetingId, type: "token.granted" } });
    expect(granted).toHaveLength(1);
    expect(await holders()).toBe(JSON.parse(granted[0].payload).userId);
    const queue = await app.deps.db.queueEntry.findMany({ where: { meetingId } });
    expect(queue).toHaveLength(49);
    expect(new Set(queue.map((q) => q.ticket)).size).toBe(49);
  });

  it("50 concurrent grants by two facilitators: exactly one holder at the end, all recorded", async () => {
    for (const p of people) await app.as(p).tokens.request({ meetingId });
    const second = people[0];
    await app.as(fac).meetings.setRole({ meetingId, userId: second.userId, role: "FACILITATOR" });
    const queued = people.slice(1);
    const results = await Promise.allSettled(
      queued.map((p, i) => app.as(i % 2 ? fac : second).tokens.grant({ meetingId, userId: p.userId })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const log = await app.deps.db.auditEvent.findMany({ where: { meetingId }, orderBy: { seq: "asc" } });
    // Replaying grants/releases from the log always has at most one holder at a time.
    let holder: string | null = null;
    for (const e of log) {
      const data = JSON.parse(e.payload);
      if (e.type === "token.granted") {
        expect(holder).toBeNull();
        holder = data.userId;
      }
      if (e.type === "token.released") {
        expect(holder).toBe(data.userId);
        holder = null;
      }
    }
    expect(await holders()).toBe(holder);
  });

  it("two processes with their own connections racing: still one holder (the database decides)", async () => {
    const worker = path.join(PROJECT_ROOT, "tests/integration/fixtures/claim-worker.ts");
    const run = (users: SessionUser[]) =>
      execFileAsync(
        process.execPath,
        ["--import", "tsx", worker, app.database.url, meetingId, ...users.map((u) => u.userId)],
        {
          cwd: PROJECT_ROOT,
        },
      ).then(({ stdout }) => JSON.parse(stdout) as { ok: number; failures: string[] });
    const [a, b] = await Promise.all([run(people.slice(0, 25)), run(people.slice(25))]);
    expect([...a.failures, ...b.failures]).toEqual([]);
    expect(a.ok + b.ok).toBe(50);
    expect(await app.deps.db.auditEvent.count({ where: { meetingId, type: "token.granted" } })).toBe(1);
    expect(await app.deps.db.queueEntry.count({ where: { meetingId } })).toBe(49);
    const seqs = (await app.deps.db.auditEvent.findMany({ where: { meetingId }, select: { seq: true } })).map(
      (e) => e.seq,
    );
    expect(seqs.sort((x, y) => x - y)).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  }, 60_000);
});
