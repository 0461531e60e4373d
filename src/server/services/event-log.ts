import type { Tx } from "@/server/db/client";
import { sqlPortOf, type SqlPort } from "@/server/db/sql-port";
import type { Caller, Deps } from "@/server/deps";
import type { MeetingEvent, RecordedEvent } from "@/core/events";
import { assertAllowedGlobally, type Action } from "@/core/permissions";
import { genesisHash } from "@/core/audit/chain";
import { auditRowOf, type AuditRow } from "@/core/audit/rows";
import { headIntact } from "@/core/audit/verify";
import { eventsTopic, type CommittedPointer } from "@/server/events/bus";
import { loadSnapshot, type MeetingSnapshot } from "./snapshot";
import { project } from "./projection";
import { withTransientRetry } from "./retry";
import { appendAuditRows, readAuditRow } from "./audit-rows";
import { authorize } from "./authorize";

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

/** What a command appended: its events, and how far the stored log is verified after it. */
export interface Appended {
  recorded: RecordedEvent[];
  verifiedThrough: number;
}

type ChainSnap = Pick<MeetingSnapshot, "id" | "lastSeq" | "lastHash" | "verifiedThrough">;

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

/**
 * Appends events to the meeting's hash-chained log and applies them to the state tables,
 * in the caller's transaction. Returns the recorded events in order.
 */
async function appendEvents(
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
async function publishCommitted(deps: Pick<Deps, "bus" | "live">, appended: Appended) {
  const last = appended.recorded.at(-1);
  if (!last) return;
  deps.live.committed(appended);
  const pointer: CommittedPointer = { meetingId: last.meetingId, seq: last.seq };
  await deps.bus.publish(eventsTopic(last.meetingId), pointer).catch((error: unknown) => {
    console.error(`event pointer for ${last.meetingId}#${last.seq} not published`, error);
  });
}

interface Decided<T> {
  events: MeetingEvent[];
  result: T;
  /**
   * State written WITHOUT an event, in the same transaction, after the events: only for what
   * the log must not hold (the choice in a secret ballot). Everything else goes through events.
   */
  unrecorded?: (tx: Tx) => Promise<void>;
}

/** Reads more state than the snapshot (e.g. a proposal's ballots), in the locked transaction. */
type LoadExtra<X> = (tx: Tx, snap: MeetingSnapshot) => Promise<X>;

/** What a command decides with: the snapshot, and what `load` read (undefined without one). */
type Decide<X, T> = (snap: MeetingSnapshot, extra: X) => Decided<T>;

/** A command of the caller's on an existing meeting. */
interface MeetingCommand<X> {
  meetingId: string;
  /**
   * The row of the permission table the actor acts under; a function when it depends on what
   * `load` read (revising one's own idea or someone else's).
   */
  action: Action | ((snap: MeetingSnapshot, extra: X) => Action);
  load?: LoadExtra<X>;
}

/** The command that opens a meeting: its row is created first, then it runs like any other. */
interface CreateCommand {
  create: { id: string; title: string; description: string; inviteCode: string };
  action: "meeting.create";
}

interface Plan<X> {
  meetingId: string;
  actorId: string | null;
  /** Asked right after the snapshot is loaded, and (when it needs them) after `load`. */
  authorize: { now?: (snap: MeetingSnapshot) => void; afterLoad?: (snap: MeetingSnapshot, extra: X) => void };
  load?: LoadExtra<X>;
  create?: (tx: Tx, at: Date) => Promise<unknown>;
}

/**
 * THE command path: lock the meeting, load its snapshot, ask the permission table, decide (pure),
 * project the events onto the state tables and append them to the hash-chained log in one
 * transaction (retried on contention), then publish. A refused command throws before anything
 * is written.
 */
async function execute<X, T>(deps: Deps, plan: Plan<X>, decide: Decide<X, T>) {
  const outcome = await withTransientRetry(() =>
    deps.db.$transaction(
      async (tx) => {
        const cmd: CommandTx = { tx, sql: await sqlPortOf(deps.db, tx) };
        await plan.create?.(tx, deps.clock.now());
        await lockMeeting(cmd.sql, plan.meetingId);
        const snap = await loadSnapshot(cmd.sql, plan.meetingId);
        plan.authorize.now?.(snap);
        const extra = (plan.load ? await plan.load(tx, snap) : undefined) as X;
        plan.authorize.afterLoad?.(snap, extra);
        const { events, result, unrecorded } = decide(snap, extra);
        const appended = await appendEvents(cmd, snap, plan.actorId, events, deps.clock.now());
        await unrecorded?.(tx);
        return { result, appended };
      },
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
  await publishCommitted(deps, outcome.appended);
  return { result: outcome.result, recorded: outcome.appended.recorded };
}

/** Runs one command of the caller's, on an existing meeting or (meeting.create) a new one. */
export function runCommand<T, X = undefined>(
  caller: Caller,
  command: MeetingCommand<X> | CreateCommand,
  decide: Decide<X, T>,
): Promise<{ result: T; recorded: RecordedEvent[] }> {
  const actor = caller.session;
  if ("create" in command) {
    // A global question: it needs no meeting, so it is asked before any transaction.
    assertAllowedGlobally(actor, command.action);
    const { id, ...fields } = command.create;
    return execute(
      caller,
      {
        meetingId: id,
        actorId: actor.userId,
        authorize: {},
        create: (tx, at) =>
          tx.meeting.create({
            data: {
              id,
              ...fields,
              lastHash: genesisHash(id),
              createdById: actor.userId,
              createdAt: at,
              phaseSince: at,
            },
          }),
      },
      decide,
    );
  }
  const { action } = command;
  return execute(
    caller,
    {
      meetingId: command.meetingId,
      actorId: actor.userId,
      authorize:
        typeof action === "string"
          ? { now: (snap) => void authorize(snap, actor, action) }
          : { afterLoad: (snap, extra) => void authorize(snap, actor, action(snap, extra)) },
      load: command.load,
    },
    decide,
  );
}

/** A command of the server itself (the turn ticker): no actor, so no permission to ask. */
export function runSystemCommand<T>(deps: Deps, meetingId: string, decide: Decide<undefined, T>) {
  return execute(deps, { meetingId, actorId: null, authorize: {} }, decide);
}
