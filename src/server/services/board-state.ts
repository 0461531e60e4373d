import type { SqlPort } from "@/server/db/sql-port";
import * as board from "@/core/board/board";
import { recordFromRow } from "@/core/audit/rows";

/**
 * The meeting's board as its log's board events fold it (core/board/board.ts), read with the
 * caller's statement port: inside a command, that is its locked transaction, so the board cannot
 * change between this read and the event the command appends.
 */
export async function loadBoard(sql: SqlPort, meetingId: string): Promise<board.BoardState> {
  const rows = await sql.all<{ seq: number | bigint; type: string; actorId: string | null; payload: string }>(
    `SELECT "seq", "type", "actorId", "payload" FROM "AuditEvent" WHERE "meetingId" = ? AND "type" LIKE 'board.%' ORDER BY "seq"`,
    [meetingId],
  );
  return rows.reduce((b, row) => {
    const r = recordFromRow(meetingId, { ...row, seq: Number(row.seq), at: new Date(0) });
    return board.isBoardEvent(r.event) ? board.applyBoardEvent(b, r.event, r.actorId, r.seq) : b;
  }, board.emptyBoard());
}
