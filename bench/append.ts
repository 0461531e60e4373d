// Benchmark of the audit chain's append path (a section of `npm run bench`; not part of `npm test`).
//
// Appends 10,000 events to one meeting's chain through the real service path (runCommand: lock
// the meeting, load its snapshot, ask the permission table, decide, project, append the
// hash-chained rows, move the head, commit, publish), on an embedded SQLite file:
//   batched      100 events per command (one transaction each)
//   per command  one event per command: its p99 is the append latency a user waits for
// Two kinds of event: "chain" events change no state table (record.exported), so they measure
// the log itself; "token" events (ask for the floor / withdraw) also pay their projection (a
// queue row inserted or deleted), to show what state changes add on top.
// Beside them, in the same run and on the same disk: raw better-sqlite3 INSERTs of rows of the
// same shape (prepared statement, no hashing, no projection, no ORM), the floor to compare with.
// Targets: >= 10,000 events/s batched, p99 <= 5 ms per command (chain events).
//
// What the tail was made of, for whoever reads a regression here: the ORM (Prisma allocated
// ~290 KB per command, so a ~4 ms young-generation GC landed on over 1% of commands; the log's
// own statements now go through src/server/db/sql-port.ts) and SQLite's automatic WAL
// checkpoint inside every ~100th commit (now in a worker: src/server/db/wal-checkpointer.ts).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { migrate } from "@/server/db/migrate";
import { createPrisma } from "@/server/db/client";
import { systemClock } from "@/server/clock";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { createRealtime } from "@/server/realtime/realtime-deps";
import { createSecretBox, generateKeyEntry, parseKeyring } from "@/server/security/secret-box";
import type { Deps } from "@/server/deps";
import type { MeetingEvent } from "@/core/events";
import { runCommand } from "@/server/services/event-log";
import { createMeeting } from "@/server/services/meetings";
import { verifyStoredLog } from "@/server/services/records/log";
import { percentile } from "./stats";

const TOTAL = 10_000;
const BATCH = 100;
const TARGET_RATE = 10_000;
const TARGET_P99_MS = 5;

interface Result {
  name: string;
  events: number;
  seconds: number;
  /** Per transaction (batched) or per event (single), in ms. */
  latencies: number[];
}

const rate = (r: Result) => r.events / r.seconds;

type Kind = "chain" | "token";

/** Chain events: downloads of the record. Token events: a rotating cast asks for the floor, then withdraws. */
function eventsFor(kind: Kind, userIds: string[], from: number, count: number): MeetingEvent[] {
  return Array.from({ length: count }, (_, k): MeetingEvent => {
    const i = from + k;
    if (kind === "chain") return { type: "record.exported", format: "json" };
    const userId = userIds[Math.floor(i / 2) % userIds.length];
    return i % 2 === 0
      ? { type: "token.requested", userId }
      : { type: "token.withdrawn", userId, reason: "withdrawn" };
  });
}

async function serviceRun(deps: Deps, name: string, kind: Kind, perCommand: number): Promise<Result> {
  const users = await Promise.all(
    ["Ana", "Bob", "Cy", "Dee"].map((n, i) =>
      deps.db.user.create({ data: { name: n, email: `${name}-${i}@bench.test`, passwordHash: "-" } }),
    ),
  );
  const session = (u: (typeof users)[number]) => ({
    userId: u.id,
    globalRole: "USER" as const,
    name: u.name,
    email: u.email,
  });
  const facilitator = { ...deps, session: session(users[0]) };
  const { meetingId } = await createMeeting(facilitator, { title: `Bench ${name}`, description: "" });
  for (const u of users.slice(1)) {
    await runCommand({ ...deps, session: session(u) }, { meetingId, action: "meeting.join" }, () => ({
      events: [{ type: "member.joined", userId: u.id, role: "PARTICIPANT" }],
      result: null,
    }));
  }
  // The events are synthetic (the facilitator records them all), so any row she holds will do:
  // what is measured is the path, the permission question included.
  const command = { meetingId, action: "meeting.view" } as const;
  const ids = users.map((u) => u.id);
  const latencies: number[] = [];
  const start = performance.now();
  for (let done = 0; done < TOTAL; done += perCommand) {
    const events = eventsFor(kind, ids, done, perCommand);
    const t = performance.now();
    await runCommand(facilitator, command, () => ({ events, result: null }));
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  const check = await verifyStoredLog(deps.db, meetingId);
  if (!check.result.ok) throw new Error(`${name}: the chain does not verify: ${check.result.detail}`);
  return { name, events: TOTAL, seconds, latencies };
}

function rawRun(file: string, name: string, perTransaction: number): Result {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TABLE IF NOT EXISTS raw_events (
    id TEXT PRIMARY KEY, meetingId TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,
    actorId TEXT, payload TEXT NOT NULL, at TEXT NOT NULL, prevHash TEXT NOT NULL, hash TEXT NOT NULL,
    UNIQUE (meetingId, seq))`);
  const insert = db.prepare(
    "INSERT INTO raw_events (id, meetingId, seq, type, actorId, payload, at, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const hash = "0".repeat(64);
  const meetingId = `raw-${name}`;
  const batch = db.transaction((from: number) => {
    for (let seq = from; seq < from + perTransaction; seq++) {
      insert.run(
        `${meetingId}-${seq}`,
        meetingId,
        seq,
        "token.requested",
        "user",
        '{"userId":"user"}',
        new Date().toISOString(),
        hash,
        hash,
      );
    }
  });
  const latencies: number[] = [];
  const start = performance.now();
  for (let seq = 1; seq <= TOTAL; seq += perTransaction) {
    const t = performance.now();
    batch(seq);
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return { name, events: TOTAL, seconds, latencies };
}

export async function appendBench() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    await migrate(url, { log: () => {} });
    const db = createPrisma(url);
    const bus = new MemoryEventBus();
    const deps: Deps = {
      db,
      bus,
      clock: systemClock,
      ...createRealtime(db, bus, systemClock),
      secrets: createSecretBox(parseKeyring(generateKeyEntry("bench"))),
    };
    // Warm up the client and SQLite's caches so that no run pays for the first queries.
    await serviceRun(deps, "warmup", "token", BATCH);

    const chainBatched = await serviceRun(deps, "chain-batched", "chain", BATCH);
    const tokenBatched = await serviceRun(deps, "token-batched", "token", BATCH);
    const chainSingle = await serviceRun(deps, "chain-single", "chain", 1);
    const tokenSingle = await serviceRun(deps, "token-single", "token", 1);
    const rawBatched = rawRun(path.join(dir, "raw.db"), "batched", BATCH);
    const rawSingle = rawRun(path.join(dir, "raw.db"), "single", 1);
    await db.$disconnect();
    await bus.close();

    const row = (label: string, r: Result, raw: Result, unit: string) => {
      const p99 = percentile(r.latencies, 99);
      const rawP99 = percentile(raw.latencies, 99);
      return [
        label.padEnd(30),
        `${Math.round(rate(r)).toLocaleString("en").padStart(8)} ev/s`,
        `(raw ${Math.round(rate(raw)).toLocaleString("en").padStart(9)} ev/s, ratio ${(rate(r) / rate(raw)).toFixed(3)})`,
        `  p50 ${percentile(r.latencies, 50).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms ${unit}`,
        `(raw p99 ${rawP99.toFixed(3)} ms, ratio ${(p99 / rawP99).toFixed(1)}x)`,
      ].join(" ");
    };
    console.log(`Appending ${TOTAL.toLocaleString("en")} events to one meeting's chain, per run (SQLite)`);
    console.log(row(`chain, ${BATCH} events/transaction`, chainBatched, rawBatched, "per transaction"));
    console.log(row(`token, ${BATCH} events/transaction`, tokenBatched, rawBatched, "per transaction"));
    console.log(row("chain, 1 event/command", chainSingle, rawSingle, "per event"));
    console.log(row("token, 1 event/command", tokenSingle, rawSingle, "per event"));
    const okRate = rate(chainBatched) >= TARGET_RATE;
    const okP99 = percentile(chainSingle.latencies, 99) <= TARGET_P99_MS;
    console.log(
      `targets (chain events): batched >= ${TARGET_RATE.toLocaleString("en")} ev/s: ${okRate ? "met" : "MISSED"}; ` +
        `p99 append <= ${TARGET_P99_MS} ms: ${okP99 ? "met" : "MISSED"}` +
        `  (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs: other processes skew tails)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
