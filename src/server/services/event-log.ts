import type { Db, Tx } from "@/server/db/client";
import { sqlPortOf, type SqlPort } from "@/server/db/sql-port";
import type { Deps } from "@/server/deps";
import type { MeetingEvent, RecordedEvent } from "@/core/events";
import { auditRowOf, type AuditRow } from "@/core/audit/verify";
import { eventsTopic, type EventEnvelope } from "@/server/events/bus";
import { loadSnapshot, type MeetingSnapshot } from "./snapshot";
import { project } from "./projection";
import { withTransientRetry } from "./retry";
import { appendAuditRows } from "./audit-rows";

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

/**
 * Appends events to the meeting's hash-chained log and applies them to the state tables,
 * in the caller's transaction. Returns the recorded events in order.
 */
export async function appendEvents(
  cmd: CommandTx,
  snap: Pick<MeetingSnapshot, "id" | "lastSeq" | "lastHash">,
  actorId: string | null,
  events: readonly MeetingEvent[],
  at: Date,
): Promise<RecordedEvent[]> {
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
  await appendAuditRows(cmd.sql, snap.id, rows);
  return recorded;
}

export const toEnvelope = (r: RecordedEvent): EventEnvelope => ({
  meetingId: r.meetingId,
  seq: r.seq,
  at: r.at.toISOString(),
  actorId: r.actorId,
  event: r.event,
});

export async function publishCommitted(deps: Pick<Deps, "bus">, recorded: RecordedEvent[]) {
  for (const r of recorded) await deps.bus.publish(eventsTopic(r.meetingId), toEnvelope(r));
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
        const recorded = await appendEvents(cmd, snap, actorId, events, deps.clock.now());
        await unrecorded?.(tx);
        return { result, recorded };
      },
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
  await publishCommitted(deps, outcome.recorded);
  return outcome;
}
