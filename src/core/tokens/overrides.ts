import { refuse } from "../errors";
import type { TokenEvent, TokenState } from "./engine";
import { orderQueue } from "./ordering";

// The facilitator's overrides of the computed order: moving someone a place up or down, and
// giving the floor out of order. Each is an event naming who was passed over and why.

/**
 * Moves a waiting person `places` places up or down the computed queue: one place for the arrow
 * buttons and keys, several for a drag (one command either way). Everyone stepped over is named
 * in `skipped`, in queue order; the engine anchors the move on the one at the target place.
 */
export function moveInQueue(
  s: TokenState,
  userId: string,
  direction: "up" | "down",
  reason: string | null,
  places = 1,
): TokenEvent[] {
  const order = orderQueue(s);
  const i = order.findIndex((q) => q.userId === userId);
  if (i < 0) throw refuse("OTHER_NOT_QUEUED");
  const j = direction === "up" ? i - places : i + places;
  if (direction === "up" && i === 0) throw refuse("QUEUE_ALREADY_FIRST");
  if (direction === "down" && i === order.length - 1) throw refuse("QUEUE_ALREADY_LAST");
  // A stale drag (the queue shrank meanwhile) is refused rather than guessed at.
  if (j < 0 || j >= order.length) throw refuse("QUEUE_MOVE_TOO_FAR");
  const passed = direction === "up" ? order.slice(j, i) : order.slice(i + 1, j + 1);
  return [
    {
      type: "floor.reordered",
      userId,
      direction,
      from: i + 1,
      to: j + 1,
      skipped: passed.map((q) => q.userId),
      reason,
    },
  ];
}

/** The override event when `userId` (waiting) is given the floor ahead of others; none for the head. */
export function outOfOrder(s: TokenState, userId: string, reason: string | null): TokenEvent[] {
  const order = orderQueue(s);
  const i = order.findIndex((q) => q.userId === userId);
  if (i <= 0) return [];
  const skipped = order.slice(0, i).map((q) => q.userId);
  return [{ type: "floor.grantedOutOfOrder", userId, position: i + 1, skipped, reason }];
}
