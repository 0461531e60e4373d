import { refuse } from "../errors";
import { replaceHolder, type TokenEvent, type TokenState } from "./engine";
import type { QueuePolicy } from "./ordering";

// Points of order: anyone who may speak raises one (with a reason) at any time; open points stand
// ahead of the ordinary queue, first raised first; the facilitator grants one (its raiser takes
// the floor at once) or declines it with a reason. At most one open point per person.

const hasPoint = (s: TokenState, userId: string) => s.points.some((p) => p.userId === userId);

export function raisePoint(s: TokenState, userId: string, reason: string): TokenEvent[] {
  if (hasPoint(s, userId)) throw refuse("POINT_ALREADY_OPEN");
  return [{ type: "floor.pointRaised", userId, reason }];
}

/** Granting a point gives its raiser the floor (ending the current turn), unless they hold it. */
export function grantPoint(s: TokenState, userId: string): TokenEvent[] {
  if (!hasPoint(s, userId)) throw refuse("POINT_NOT_OPEN");
  const floor = s.holder?.userId === userId ? [] : replaceHolder(s, userId);
  return [{ type: "floor.pointGranted", userId }, ...floor];
}

export function declinePoint(s: TokenState, userId: string, reason: string | null): TokenEvent[] {
  if (!hasPoint(s, userId)) throw refuse("POINT_NOT_OPEN");
  return [{ type: "floor.pointDeclined", userId, reason }];
}

/** The facilitator changes the queue's order policy; the queue re-sorts at once, everywhere. */
export function setQueuePolicy(s: TokenState, policy: QueuePolicy): TokenEvent[] {
  if (s.policy === policy) throw refuse("QUEUE_POLICY_UNCHANGED");
  return [{ type: "floor.policySet", from: s.policy, to: policy }];
}
