// The app's SQLite connection never checkpoints its write-ahead log inside a commit; a worker
// thread does it beside (src/server/db/wal-checkpointer.ts). Runs on plain SQLite files whatever
// TEST_DB says.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, expect, it, vi } from "vitest";
import { createPrisma, sqliteConnectionOf } from "../../src/server/db/client";
import { migrate } from "../../src/server/db/migrate";
import { startWalCheckpointer } from "../../src/server/db/wal-checkpointer";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function walDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrasec-wal-"));
  dirs.push(dir);
  const file = path.join(dir, "wal.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE blob (data BLOB)");
  return { db, file, walBytes: () => fs.statSync(`${file}-wal`).size };
}

/** Ten commits of 100 KB each, with pauses the worker can use. */
async function writeRounds(db: Database.Database) {
  const insert = db.prepare("INSERT INTO blob (data) VALUES (?)");
  for (let round = 0; round < 10; round++) {
    insert.run(Buffer.alloc(100_000, round));
    await sleep(80);
  }
}

it("keeps the log short by checkpointing in the worker, never in the app's commits", async () => {
  const { db, file, walBytes } = walDatabase();
  const checkpointer = startWalCheckpointer(db, file, { intervalMs: 10 });
  expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
  await writeRounds(db);
  // Without checkpoints the log would hold all ten rounds (over 1 MB, and never less: the control
  // below); the writer restarts it from the top once the worker has copied everything. On a busy
  // machine the worker's thread may start late: small commits give the writer its chance to
  // restart the log until it does.
  const tick = db.prepare("INSERT INTO blob (data) VALUES (?)");
  await expect
    .poll(() => (tick.run(Buffer.alloc(10, 1)), walBytes()), { timeout: 15_000, interval: 50 })
    .toBeLessThan(400_000);
  await checkpointer.stop();
  db.close();
});

it("grows the log when nobody checkpoints (the control for the test above)", async () => {
  const { db, walBytes } = walDatabase();
  db.pragma("wal_autocheckpoint = 0");
  await writeRounds(db);
  expect(walBytes()).toBeGreaterThan(1_000_000);
  db.close();
});

it("hands checkpoints back to the connection when the worker cannot run", async () => {
  const { db } = walDatabase();
  const onError = vi.fn();
  const checkpointer = startWalCheckpointer(db, path.join("/nonexistent", "wal.db"), { onError });
  await vi.waitFor(() => expect(onError).toHaveBeenCalled());
  expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  await checkpointer.stop();
  db.close();
});

it("is how every SQLite client of the app runs, until it disconnects", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrasec-wal-"));
  dirs.push(dir);
  const url = `file:${path.join(dir, "app.db")}`;
  await migrate(url, { log: () => {} });
  const prisma = createPrisma(url);
  await prisma.$connect();
  const connection = sqliteConnectionOf(prisma)!;
  // The adapter reads integers as bigint on its connection.
  expect(Number(connection.pragma("wal_autocheckpoint", { simple: true }))).toBe(0);
  await prisma.$disconnect();
  expect(connection.open).toBe(false);
});
