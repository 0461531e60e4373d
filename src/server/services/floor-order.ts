import { dbDate, type SqlPort } from "@/server/db/sql-port";
import { recordFromRow } from "@/core/audit/rows";
import { applyTokenEvent, emptyTokenState, type TokenState } from "@/core/tokens/engine";
import type { QueuePolicy } from "@/core/tokens/ordering";

// What a command needs to order the queue, beside the holder and the requests: the policy and
// the open points of order (their own tables), and the turns and facilitator moves so far, which
// are folded from the log itself with the token engine's fold: the order is computed, never
// stored, and the server computes it exactly as the room does.

type History = Pick<TokenState, "spoken" | "moves" | "overrideTurns">;
type OrderPart = Pick<TokenState, "policy" | "points"> & History;

interface PointRow {
  userId: string;
  reason: string;
  ticket: number | bigint;
  raisedAt: unknown;
}

interface LogRow {
  seq: number | bigint;
  type: string;
  actorId: string | null;
  payload: string;
  at: unknown;
}

const POINTS_SQL = `SELECT "userId", "reason", "ticket", "raisedAt" FROM "PointOfOrder" WHERE "meetingId" = ? ORDER BY "ticket"`;
// Only the events that change turns, moves or override counts.
const HISTORY_SQL = `SELECT "seq", "type", "actorId", "payload", "at" FROM "AuditEvent"
  WHERE "meetingId" = ? AND "type" IN ('token.requested', 'token.withdrawn', 'token.granted', 'token.released',
    'floor.reordered', 'floor.grantedOutOfOrder', 'floor.pointGranted')
  ORDER BY "seq"`;

/** Turns and moves from the log; only read when someone waits (nothing to order otherwise). */
async function history(sql: SqlPort, meetingId: string): Promise<History> {
  const rows = await sql.all<LogRow>(HISTORY_SQL, [meetingId]);
  const folded = rows.reduce((s, row) => {
    const r = recordFromRow(meetingId, { ...row, seq: Number(row.seq), at: dbDate(row.at) });
    return applyTokenEvent(s, r.event, r.seq, r.at.getTime());
  }, emptyTokenState());
  return { spoken: folded.spoken, moves: folded.moves, overrideTurns: folded.overrideTurns };
}

export async function loadFloorOrder(
  sql: SqlPort,
  meetingId: string,
  policy: string,
  someoneWaits: boolean,
): Promise<OrderPart> {
  const points = await sql.all<PointRow>(POINTS_SQL, [meetingId]);
  return {
    policy: policy as QueuePolicy,
    points: points.map((p) => ({
      userId: p.userId,
      reason: p.reason,
      ticket: Number(p.ticket),
      since: dbDate(p.raisedAt).getTime(),
    })),
    ...(someoneWaits ? await history(sql, meetingId) : { spoken: {}, moves: [], overrideTurns: {} }),
  };
}
