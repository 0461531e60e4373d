import type { Db } from "@/server/db/client";
import type { RecordedEvent } from "@/core/events";
import { verifyChain, type ChainHead, type VerifyResult } from "@/core/audit/verify";
import { recordFromRow, type AuditRow } from "@/core/audit/rows";
import { refuse } from "@/core/errors";

// Reading a meeting's log back for the record: rows as stored (for verification and export) and
// the events they hold (for folds).

/** The stored rows of a meeting's log, in order: after `afterSeq` and up to `upToSeq` if given. */
export async function readLogRows(
  db: Db,
  meetingId: string,
  upToSeq?: number,
  afterSeq?: number,
): Promise<AuditRow[]> {
  const seq = {
    ...(upToSeq !== undefined ? { lte: upToSeq } : {}),
    ...(afterSeq !== undefined ? { gt: afterSeq } : {}),
  };
  return db.auditEvent.findMany({
    where: { meetingId, ...(upToSeq !== undefined || afterSeq !== undefined ? { seq } : {}) },
    orderBy: { seq: "asc" },
    select: { seq: true, type: true, actorId: true, payload: true, at: true, prevHash: true, hash: true },
  });
}

/** The events the rows hold; an unreadable row (tampered) is left out: verification reports it. */
export function eventsOf(meetingId: string, rows: readonly AuditRow[]): RecordedEvent[] {
  return rows.flatMap((row) => {
    try {
      return [recordFromRow(meetingId, row)];
    } catch {
      return [];
    }
  });
}

/** The meeting's events, in order (for the statistics and the replay). */
export async function readLog(db: Db, meetingId: string, upToSeq?: number): Promise<RecordedEvent[]> {
  return eventsOf(meetingId, await readLogRows(db, meetingId, upToSeq));
}

export async function readHead(db: Db, meetingId: string): Promise<ChainHead> {
  const head = await db.meeting.findUnique({
    where: { id: meetingId },
    select: { lastSeq: true, lastHash: true },
  });
  if (!head) throw refuse("MEETING_NOT_FOUND");
  return head;
}

/**
 * Verifies a meeting's stored log against the head its meeting row holds. The head and the rows
 * are two reads: if a command appended in between, the head moved, and they are read again (a
 * row past an unmoved head is a forged row, not a race).
 */
export async function verifyStoredLog(
  db: Db,
  meetingId: string,
): Promise<{ result: VerifyResult; stored: ChainHead }> {
  for (let attempt = 1; ; attempt++) {
    const head = await readHead(db, meetingId);
    const rows = await readLogRows(db, meetingId);
    const after = await readHead(db, meetingId);
    if (after.lastSeq === head.lastSeq || attempt >= 5) {
      return { result: verifyChain(meetingId, rows, head), stored: head };
    }
  }
}
