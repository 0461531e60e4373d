import type { RoomState } from "../room/state";
import type { EphemeralChannel } from "../room/ephemeral";
import { memberRoleIn } from "../room/disclose";
import { assertMayDraw, type BoardState } from "./board";
import type { Point } from "./shapes";

// Strokes in progress, streamed beside the log on the "stroke" channel: only someone who may
// draw sends them; every screen drops them when the finished shape arrives or the floor passes.

export const STROKE_TOOLS = ["pen", "highlighter", "line", "arrow", "rect", "ellipse"] as const;
/** Points per message: one animation frame's worth with a wide margin. */
export const STROKE_CHUNK_MAX = 64;

export interface LiveStroke {
  id: string;
  tool: (typeof STROKE_TOOLS)[number];
  color: BoardState["shapes"][number]["shape"]["color"];
  width: 2 | 4 | 8 | 16;
  start: number;
  points: Point[];
}

/** Only someone who may draw now streams a stroke (the server asks before fanning it out). */
export function assertChannelAllowed(state: RoomState, userId: string, channel: EphemeralChannel): void {
  if (channel !== "stroke") return;
  assertMayDraw(state.canvas.policy, state.token.holder?.userId ?? null, userId, memberRoleIn(state, userId));
}

/** A stroke so far, with one more message of it (a message from index 0 starts it over). */
export function extendStroke(so: LiveStroke | undefined, m: LiveStroke): LiveStroke {
  if (!so || so.id !== m.id || m.start === 0) return { ...m, points: [...m.points] };
  return { ...so, points: [...so.points.slice(0, m.start), ...m.points] };
}
