import type { Caller } from "@/server/deps";
import type { Action } from "@/core/permissions";
import * as board from "@/core/board/board";
import type { Shape } from "@/core/board/shapes";
import { memberRole, type MeetingSnapshot } from "./snapshot";
import { runCommand } from "./event-log";
import { sqlPortOf } from "@/server/db/sql-port";
import { loadBoard } from "./board-state";

// The shared canvas's commands: each finished action (a shape placed, a move, an erasure, an
// undo, a redo, a clear) is ONE event through the command path. The board is the fold of the
// log's board events, read in the command's locked transaction (board-state.ts).

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
