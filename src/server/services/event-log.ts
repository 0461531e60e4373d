import type { Tx } from "@/server/db/client";
import type { Deps } from "@/server/api/context";
import type { MeetingEvent, RecordedEvent } from "@/core/events";
import { chainHash } from "@/core/audit/chain";
import { canonicalJson, type Canonicalizable } from "@/core/audit/canonical";
import { eventsTopic, type EventEnvelope } from "@/server/events/bus";
import { loadSnapshot, type MeetingSnapshot } from "./snapshot";
import { project } from "./projection";
import { withTransientRetry } from "./retry";

/**
 * Serialises commands on one meeting: SQLite takes its write lock, Postgres the row lock. A write
 * as the transaction's first statement makes SQLite wait for the writer (busy timeout) instead of
 * failing later when a read transaction tries to upgrade.
 */
async function lockMeeting(tx: Tx, meetingId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Meeting" SET "lastSeq" = "lastSeq" WHERE "id" = ${meetingId}`;
}

/**
 * Appends events to the meeting's hash-chained log and applies them to the state tables,
 * in the caller's transaction. Returns the recorded events in order.
 */
export async function appendEvents(
  tx: Tx,
  snap: Pick<MeetingSnapshot, "id" | "lastSeq" | "lastHash">,
  actorId: string | null,
  events: readonly MeetingEvent[],
  at: Date,
): Promise<RecordedEvent[]> {
  let { lastSeq: seq, lastHash: hash } = snap;
  const recorded: RecordedEvent[] = [];
  for (const event of events) {
    const r: RecordedEvent = { meetingId: snap.id, seq: ++seq, at, actorId, event };
    const prevHash = hash;
    hash = chainHash(prevHash, r);
    await project(tx, r);
    const { type, ...data } = event;
    await tx.auditEvent.create({
      data: {
        meetingId: snap.id,
        seq: r.seq,
        type,
        actorId,
        payload: canonicalJson(data as Canonicalizable),
        at,
        prevHash,
        hash,
      },
    });
    recorded.push(r);
  }
  if (recorded.length) {
    await tx.meeting.update({ where: { id: snap.id }, data: { lastSeq: seq, lastHash: hash } });
  }
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

export type Decide<T> = (snap: MeetingSnapshot) => { events: MeetingEvent[]; result: T };

/**
 * Runs one command on a meeting: lock, load, decide (pure), persist state + audit events in one
 * transaction, then publish. A refused command throws before anything is written.
 */
export async function runCommand<T>(
  deps: Deps,
  meetingId: string,
  actorId: string | null,
  decide: Decide<T>,
): Promise<{ result: T; recorded: RecordedEvent[] }> {
  const outcome = await withTransientRetry(() =>
    deps.db.$transaction(
      async (tx) => {
        await lockMeeting(tx, meetingId);
        const snap = await loadSnapshot(tx, meetingId);
        const { events, result } = decide(snap);
        const recorded = await appendEvents(tx, snap, actorId, events, deps.clock.now());
        return { result, recorded };
      },
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
  await publishCommitted(deps, outcome.recorded);
  return outcome;
}
