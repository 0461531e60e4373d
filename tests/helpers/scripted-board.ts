// The scripted meeting (scripted-record.ts) with shapes drawn on the board before its vote
// closes, the closing stating `boardHash`: for the board-as-evidence tests of records.
import type { RecordedEvent } from "@/core/events";
import type { Shape } from "@/core/board/shapes";
import { scriptedEvents } from "./scripted-record";

export function scriptedWithBoard(
  drawn: readonly { actorId: string; shape: Shape }[],
  boardHash: string,
): RecordedEvent[] {
  const close = scriptedEvents.findIndex((r) => r.event.type === "proposal.closed");
  const strokes = drawn.map(({ actorId, shape }): RecordedEvent => ({
    ...scriptedEvents[close - 1],
    actorId,
    event: { type: "board.drawn", shape },
  }));
  return [...scriptedEvents.slice(0, close), ...strokes, ...scriptedEvents.slice(close)].map((r, i) => ({
    ...r,
    seq: i + 1,
    event: r.event.type === "proposal.closed" ? { ...r.event, boardHash } : r.event,
  }));
}
