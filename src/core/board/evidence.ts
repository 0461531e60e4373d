import type { RecordedEvent } from "../events";
import { applyBoardEvent, emptyBoard, isBoardEvent } from "./board";
import { boardHash } from "./hash";

// The board as evidence in a record: every decision states the hash of the board as it stood at
// closing; a verifier folds the record's own board events up to that decision and recomputes it.

interface Mismatch {
  seq: number;
  recorded: string;
  folded: string;
}

/** Decisions whose recorded board hash is not the fold of the board events before them. */
export function boardHashMismatches(records: readonly RecordedEvent[]): Mismatch[] {
  let board = emptyBoard();
  const wrong: Mismatch[] = [];
  for (const r of records) {
    const e = r.event;
    if (isBoardEvent(e)) board = applyBoardEvent(board, e, r.actorId, r.seq);
    // Logs from before the canvas have decisions without a board hash: nothing to check there.
    if (e.type === "proposal.closed" && typeof e.boardHash === "string") {
      const folded = boardHash(board);
      if (folded !== e.boardHash) wrong.push({ seq: r.seq, recorded: e.boardHash, folded });
    }
  }
  return wrong;
}
