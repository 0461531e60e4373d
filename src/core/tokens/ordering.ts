import type { QueuedRequest } from "./engine";

// How the speaking queue is ordered: ONE pure function (orderQueue) from the token state and the
// meeting's policy. The order is computed, never stored: the server, every browser and the replay
// fold the same events and so show the same queue. Facilitator moves are applied on top of the
// policy's order, one after the other, as they were made.

export const QUEUE_POLICIES = ["FIRST_COME", "FEWEST_TURNS", "LEAST_TIME"] as const;
export type QueuePolicy = (typeof QUEUE_POLICIES)[number];

/** Closed turns of one person so far in the meeting (a waiting person holds no running turn). */
export interface Spoken {
  turns: number;
  speakingMs: number;
}

/** A facilitator's move: `userId` placed just before (up) or just after (down) `anchorId`. */
export interface QueueMove {
  userId: string;
  anchorId: string;
  direction: "up" | "down";
}

/** What the order depends on, beside the requests themselves (part of the token state). */
export interface OrderInputs {
  queue: readonly QueuedRequest[];
  policy: QueuePolicy;
  spoken: Readonly<Record<string, Spoken>>;
  moves: readonly QueueMove[];
}

/** A waiting request in its place, with what put it there. */
interface OrderedRequest extends QueuedRequest, Spoken {
  /** 1-based place in the queue. */
  position: number;
  /** Why it stands here: the policy, or a facilitator's move. */
  placedBy: QueuePolicy | "facilitator";
}

const NONE: Spoken = { turns: 0, speakingMs: 0 };

export const spokenBy = (spoken: OrderInputs["spoken"], userId: string): Spoken => spoken[userId] ?? NONE;

/** The policy's sort key; ties are always broken by the request's ticket (first come). */
const KEYS: Record<QueuePolicy, (s: Spoken) => number> = {
  FIRST_COME: () => 0,
  FEWEST_TURNS: (s) => s.turns,
  LEAST_TIME: (s) => s.speakingMs,
};

function applyMove(order: string[], m: QueueMove): string[] {
  if (!order.includes(m.userId) || !order.includes(m.anchorId) || m.userId === m.anchorId) return order;
  const rest = order.filter((u) => u !== m.userId);
  const at = rest.indexOf(m.anchorId) + (m.direction === "up" ? 0 : 1);
  return [...rest.slice(0, at), m.userId, ...rest.slice(at)];
}

/** THE queue order: policy (ties by request time), then the facilitator's moves in turn. */
export function orderQueue(s: OrderInputs): OrderedRequest[] {
  const key = KEYS[s.policy];
  const byPolicy = [...s.queue].sort(
    (a, b) => key(spokenBy(s.spoken, a.userId)) - key(spokenBy(s.spoken, b.userId)) || a.ticket - b.ticket,
  );
  const policyOrder = byPolicy.map((q) => q.userId);
  const finalOrder = s.moves.reduce(applyMove, policyOrder);
  const moved = new Set(s.moves.filter((m) => finalOrder.includes(m.userId)).map((m) => m.userId));
  const request = new Map(s.queue.map((q) => [q.userId, q]));
  return finalOrder.map((userId, i) => ({
    ...request.get(userId)!,
    ...spokenBy(s.spoken, userId),
    position: i + 1,
    placedBy: moved.has(userId) ? "facilitator" : s.policy,
  }));
}
