import { refuse } from "../errors";
import type { TokenEvent, TokenState } from "./engine";
import { orderQueue } from "./ordering";

// The facilitator's overrides of the computed order: moving someone a place up or down, and
// giving the floor out of order. Each is an event naming who was passed over and why.

/** Moves a waiting person one place up or down the computed queue. */
export function moveInQueue(
  s: TokenState,
  userId: string,
  direction: "up" | "down",
  reason: string | null,
): TokenEvent[] {
  const order = orderQueue(s);
  const i = order.findIndex((q) => q.userId === userId);
  if (i < 0) throw refuse("OTHER_NOT_QUEUED");
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0) throw refuse("QUEUE_ALREADY_FIRST");
  if (j >= order.length) throw refuse("QUEUE_ALREADY_LAST");
  return [
    {
      type: "floor.reordered",
      userId,
      direction,
      from: i + 1,
      to: j + 1,
      skipped: [order[j].userId],
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
