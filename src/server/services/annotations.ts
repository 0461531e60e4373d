import type { Caller } from "@/server/deps";
import type { SqlPort } from "@/server/db/sql-port";
import type { Action } from "@/core/permissions";
import * as board from "@/core/board/board";
import type { Shape } from "@/core/board/shapes";
import { recordFromRow } from "@/core/audit/rows";
import { memberRole, type MeetingSnapshot } from "./snapshot";
import { runCommand } from "./event-log";
import { sqlPortOf } from "@/server/db/sql-port";

// The shared canvas's commands: each finished action (a shape placed, a move, an erasure, an
// undo, a redo, a clear) is ONE event through the command path. The board is the fold of the
// log's board events, read in the command's locked transaction.

async function loadBoard(sql: SqlPort, meetingId: string): Promise<board.BoardState> {
  const rows = await sql.all<{ seq: number | bigint; type: string; actorId: string | null; payload: string }>(
    `SELECT "seq", "type", "actorId", "payload" FROM "AuditEvent" WHERE "meetingId" = ? AND "type" LIKE 'board.%' ORDER BY "seq"`,
    [meetingId],
  );
  return rows.reduce((b, row) => {
    const r = recordFromRow(meetingId, { ...row, seq: Number(row.seq), at: new Date(0) });
    return board.isBoardEvent(r.event) ? board.applyBoardEvent(b, r.event, r.actorId, r.seq) : b;
  }, board.emptyBoard());
}

type Decide = (b: board.BoardState, actorId: string, snap: MeetingSnapshot) => board.BoardEvent;

/** One board command: the table asks `action`, drawing ones also need the floor (board.ts). */
function boardCommand<I extends { meetingId: string }>(
  action: Action,
  needsFloor: boolean,
  decide: (b: board.BoardState, actorId: string, input: I) => board.BoardEvent,
) {
  return async (ctx: Caller, input: I) => {
    const me = ctx.session.userId;
    const run: Decide = (b, actorId, snap) => {
      if (needsFloor)
        board.assertMayDraw(b.policy, snap.token.holder?.userId ?? null, actorId, memberRole(snap, actorId));
      return decide(b, actorId, input);
    };
    const { recorded } = await runCommand(
      ctx,
      {
        meetingId: input.meetingId,
        action,
        load: async (tx) => loadBoard(await sqlPortOf(ctx.db, tx), input.meetingId),
      },
      (snap, b) => ({ events: [run(b, me, snap)], result: null }),
    );
    return { seq: recorded.at(-1)?.seq ?? null };
  };
}

export const drawShape = boardCommand("board.draw", true, (b, _me, i: { meetingId: string; shape: Shape }) =>
  board.draw(b, i.shape),
);
export const moveShape = boardCommand(
  "board.draw",
  true,
  (b, _me, i: { meetingId: string; shapeId: string; dx: number; dy: number }) =>
    board.move(b, i.shapeId, i.dx, i.dy),
);
export const eraseShape = boardCommand(
  "board.draw",
  true,
  (b, _me, i: { meetingId: string; shapeId: string }) => board.erase(b, i.shapeId),
);
export const undoAction = boardCommand("board.draw", true, (b, me) => board.undo(b, me));
export const redoAction = boardCommand("board.draw", true, (b, me) => board.redo(b, me));
export const clearBoard = boardCommand("board.clear", false, (b) => board.clear(b));
export const setDrawPolicy = boardCommand(
  "meeting.configure",
  false,
  (b, _me, i: { meetingId: string; drawPolicy: board.DrawPolicy }) => board.setPolicy(b, i.drawPolicy),
);
