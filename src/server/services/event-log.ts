import type { Db, Tx } from "@/server/db/client";
import { sqlPortOf, type SqlPort } from "@/server/db/sql-port";
import type { Deps } from "@/server/api/context";
import type { MeetingEvent, RecordedEvent } from "@/core/events";
import { auditRowOf, headIntact, type AuditRow } from "@/core/audit/verify";
import { eventsTopic, type CommittedPointer } from "@/server/events/bus";
import { loadSnapshot, type MeetingSnapshot } from "./snapshot";
import { project } from "./projection";
import { withTransientRetry } from "./retry";
import { appendAuditRows, readAuditRow } from "./audit-rows";

/**
 * Serialises commands on one meeting: SQLite takes its write lock, Postgres the row lock. A write
 * as the transaction's first statement makes SQLite wait for the writer (busy timeout) instead of
 * failing later when a read transaction tries to upgrade.
 */
async function lockMeeting(sql: SqlPort, meetingId: string): Promise<void> {
  await sql.run(`UPDATE "Meeting" SET "lastSeq" = "lastSeq" WHERE "id" = ?`, [meetingId]);
}

/** A command's transaction: the ORM for the state tables, the SQL port for the log's own rows. */
export interface CommandTx {
  tx: Tx;
  sql: SqlPort;
}

export const commandTx = async (db: Db, tx: Tx): Promise<CommandTx> => ({ tx, sql: await sqlPortOf(db, tx) });

/** What a command appended: its events, and how far the stored log is verified after it. */
export interface Appended {
  recorded: RecordedEvent[];
  verifiedThrough: number;
}

/**
 * How far the log is verified once events past `snap.lastSeq` are appended: the head as stored
 * must still be the head the meeting row names and hash as it was written (one row read, not a
 * walk of the chain). A break found here, or by a full verification, stops the mark where the
 * log was last known good; only a full verification of an intact log moves it on again.
 */
async function verifiedAfter(sql: SqlPort, snap: ChainSnap, newSeq: number): Promise<number> {
  if (snap.verifiedThrough !== snap.lastSeq) return snap.verifiedThrough;
  if (snap.lastSeq === 0) return newSeq;
  const head = await readAuditRow(sql, snap.id, snap.lastSeq);
  return head && headIntact(snap.id, head, snap) ? newSeq : snap.lastSeq - 1;
}

type ChainSnap = Pick<MeetingSnapshot, "id" | "lastSeq" | "lastHash" | "verifiedThrough">;

/**
 * Appends events to the meeting's hash-chained log and applies them to the state tables,
 * in the caller's transaction. Returns the recorded events in order.
 */
export async function appendEvents(
  cmd: CommandTx,
  snap: ChainSnap,
  actorId: string | null,
  events: readonly MeetingEvent[],
  at: Date,
): Promise<Appended> {
  let { lastSeq: seq, lastHash: hash } = snap;
  const recorded: RecordedEvent[] = [];
  const rows: AuditRow[] = [];
  for (const event of events) {
    const r: RecordedEvent = { meetingId: snap.id, seq: ++seq, at, actorId, event };
    const row = auditRowOf(hash, r);
    hash = row.hash;
    await project(cmd, r);
    recorded.push(r);
    rows.push(row);
  }
  if (!rows.length) return { recorded, verifiedThrough: snap.verifiedThrough };
  const verifiedThrough = await verifiedAfter(cmd.sql, snap, seq);
  await appendAuditRows(cmd.sql, snap.id, rows, verifiedThrough);
  return { recorded, verifiedThrough };
}

/**
 * After commit: this process's live rooms fold the events at once, and every other process hears
 * a pointer (meeting id and last seq) on the bus and reads the rows itself. A pointer is tiny
 * whatever the events hold (NOTIFY payloads are capped at 8000 bytes). Delivery is best effort:
 * the change is committed, and a room that missed a pointer fills the gap at the next one.
 */
export async function publishCommitted(deps: Pick<Deps, "bus" | "live">, appended: Appended) {
  const last = appended.recorded.at(-1);
  if (!last) return;
  deps.live.committed(appended);
  const pointer: CommittedPointer = { meetingId: last.meetingId, seq: last.seq };
  await deps.bus.publish(eventsTopic(last.meetingId), pointer).catch((error: unknown) => {
    console.error(`event pointer for ${last.meetingId}#${last.seq} not published`, error);
  });
}

export interface Decided<T> {
  events: MeetingEvent[];
  result: T;
  /**
   * State written WITHOUT an event, in the same transaction, after the events: only for what
   * the log must not hold (the choice in a secret ballot). Everything else goes through events.
   */
  unrecorded?: (tx: Tx) => Promise<void>;
}

export type Decide<T> = (snap: MeetingSnapshot) => Decided<T>;

/** Reads more state than the snapshot (e.g. a proposal's ballots), in the locked transaction. */
export type LoadExtra<X> = (tx: Tx, snap: MeetingSnapshot) => Promise<X>;

/**
 * Runs one command on a meeting: lock, load, decide (pure), persist state + audit events in one
 * transaction, then publish. A refused command throws before anything is written.
 */
export function runCommand<T>(deps: Deps, meetingId: string, actorId: string | null, decide: Decide<T>) {
  return runCommandWith(deps, meetingId, actorId, async () => undefined, decide);
}

/** runCommand for decisions that need more than the snapshot: `load` reads it after the lock. */
export async function runCommandWith<X, T>(
  deps: Deps,
  meetingId: string,
  actorId: string | null,
  load: LoadExtra<X>,
  decide: (snap: MeetingSnapshot, extra: X) => Decided<T>,
): Promise<{ result: T; recorded: RecordedEvent[] }> {
  const outcome = await withTransientRetry(() =>
    deps.db.$transaction(
      async (tx) => {
        const cmd = await commandTx(deps.db, tx);
        await lockMeeting(cmd.sql, meetingId);
        const snap = await loadSnapshot(cmd.sql, meetingId);
        const { events, result, unrecorded } = decide(snap, await load(tx, snap));
        const appended = await appendEvents(cmd, snap, actorId, events, deps.clock.now());
        await unrecorded?.(tx);
        return { result, appended };
      },
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
  await publishCommitted(deps, outcome.appended);
  return { result: outcome.result, recorded: outcome.appended.recorded };
}
