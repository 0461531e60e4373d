// One SQLite connection serves the whole process (Prisma's adapter): a statement made outside a
// transaction must neither run inside another request's open transaction (and be rolled back
// with it) nor see its uncommitted rows (src/server/db/connection-lock.ts). On Postgres each
// transaction has its own pooled connection; the same tests hold there too.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { runCommand } from "@/server/services/event-log";
import { readSnapshot } from "@/server/services/snapshot";
import { refuse } from "@/core/errors";
import type { SessionUser } from "@/server/auth/session";

let app: TestApp;
let fac: SessionUser;
let meetingId: string;
beforeAll(async () => {
  app = await createTestApp();
  fac = await app.user("Fac");
  ({ meetingId } = await app.as(fac).meetings.create({ title: "Locks" }));
});
afterAll(() => app.close());

it("keeps a write made beside a refused command, however the two interleave", async () => {
  let lost = 0;
  for (let i = 0; i < 100; i++) {
    const name = `Fac ${i}`;
    const caller = { ...app.deps, session: fac };
    const refused = runCommand(caller, { meetingId, action: "meeting.configure" }, () => {
      throw refuse("NOT_HOLDER");
    });
    for (let k = 0; k < i % 7; k++) await Promise.resolve(); // vary the interleaving
    const write = app.deps.db.user.update({ where: { id: fac.userId }, data: { name } });
    await Promise.allSettled([refused, write]);
    const stored = await app.deps.db.user.findUniqueOrThrow({ where: { id: fac.userId } });
    if (stored.name !== name) lost++;
  }
  expect(lost).toBe(0);
});

it("lets reads outside a transaction see committed rows only, waiting for an open one", async () => {
  const before = await readSnapshot(app.deps.db, meetingId);
  let finish!: () => void;
  const held = new Promise<void>((resolve) => (finish = resolve));
  const failing = app.deps.db.$transaction(async (tx) => {
    await tx.meeting.update({ where: { id: meetingId }, data: { title: "Uncommitted" } });
    await held;
    throw new Error("rolled back");
  });
  await sleep(20); // the transaction is open and has written
  let settled = false;
  const reads = Promise.all([
    app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } }),
    readSnapshot(app.deps.db, meetingId),
  ]).finally(() => (settled = true));
  await sleep(50);
  if (app.database.provider === "sqlite") expect(settled).toBe(false); // waiting for the transaction
  finish();
  await expect(failing).rejects.toThrow("rolled back");
  const [row, snap] = await reads;
  expect(row.title).toBe(before.title);
  expect(snap.title).toBe(before.title);
});
