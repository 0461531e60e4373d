import type { MeetingEvent, ReleaseReason } from "../events";
import { refuse } from "../errors";
import { orderQueue, spokenBy, type QueueMove, type QueuePolicy, type Spoken } from "./ordering";
import { outOfOrder } from "./overrides";

// The speaking token: one holder at most, a queue in the order of the meeting's policy
// (ordering.ts), points of order ahead of it (points.ts), optional time limit per turn.
// Commands are pure: they read the state and return the events that would follow, or throw.

// Times are epoch milliseconds: the state is plain JSON, so the browser folds the same state the
// server does (src/core/room) and a snapshot crosses the wire as it is.

export interface QueuedRequest {
  userId: string;
  /** Sequence number of the request event: strictly increasing, so the order is fair. */
  ticket: number;
  since: number;
}

/** An open point of order: `ticket` is the raising event's seq (first come among them). */
interface OpenPoint {
  userId: string;
  reason: string;
  ticket: number;
  since: number;
}

export interface TokenState {
  holder: { userId: string; since: number } | null;
  /** The requests in the order they were made; the queue's order is orderQueue's. */
  queue: readonly QueuedRequest[];
  turnLimitSec: number | null;
  policy: QueuePolicy;
  /** Closed turns per person, for the policies that favour those who spoke little. */
  spoken: Readonly<Record<string, Spoken>>;
  /** Turns given by an override (out of order, or a point of order), per person. */
  overrideTurns: Readonly<Record<string, number>>;
  /** The facilitator's moves that still concern two waiting people. */
  moves: readonly QueueMove[];
  /** Open points of order, first raised first. */
  points: readonly OpenPoint[];
}

export const emptyTokenState = (): TokenState => ({
  holder: null,
  queue: [],
  turnLimitSec: null,
  policy: "FIRST_COME",
  spoken: {},
  overrideTurns: {},
  moves: [],
  points: [],
});

export type TokenEvent = Extract<MeetingEvent, { type: `token.${string}` | `floor.${string}` }>;

const isQueued = (s: TokenState, userId: string) => s.queue.some((q) => q.userId === userId);

/** The head of the queue (excluding `skip`) takes the token when it falls free. */
function passToHead(s: TokenState, skip?: string): TokenEvent[] {
  const head = orderQueue(s).find((q) => q.userId !== skip);
  return head ? [{ type: "token.granted", userId: head.userId, reason: "queue" }] : [];
}

function endTurn(s: TokenState, reason: ReleaseReason): TokenEvent[] {
  if (!s.holder) throw refuse("NOBODY_HOLDS_TOKEN");
  return [{ type: "token.released", userId: s.holder.userId, reason }, ...passToHead(s)];
}

/** Is the floor free with nobody waiting, so that asking for it takes it at once? */
export const takesAtOnce = (s: TokenState): boolean => !s.holder && s.queue.length === 0;

/** Ask for the floor: a free token with nobody waiting is taken at once, otherwise queue up. */
export function requestToken(s: TokenState, userId: string): TokenEvent[] {
  if (s.holder?.userId === userId) throw refuse("ALREADY_HOLDER");
  if (isQueued(s, userId)) throw refuse("ALREADY_QUEUED");
  if (takesAtOnce(s)) {
    return [{ type: "token.granted", userId, reason: "free" }];
  }
  return [{ type: "token.requested", userId }];
}

export function withdrawRequest(s: TokenState, userId: string): TokenEvent[] {
  if (!isQueued(s, userId)) throw refuse("NOT_QUEUED");
  return [{ type: "token.withdrawn", userId, reason: "withdrawn" }];
}

export function dismissRequest(s: TokenState, userId: string): TokenEvent[] {
  if (!isQueued(s, userId)) throw refuse("OTHER_NOT_QUEUED");
  return [{ type: "token.withdrawn", userId, reason: "dismissed" }];
}

export function releaseToken(s: TokenState, userId: string): TokenEvent[] {
  if (s.holder?.userId !== userId) throw refuse("NOT_HOLDER");
  return endTurn(s, "released");
}

export function revokeToken(s: TokenState): TokenEvent[] {
  return endTurn(s, "revoked");
}

/** Ends the current turn, if any, for the facilitator to give the floor to `userId`. */
export const replaceHolder = (s: TokenState, userId: string): TokenEvent[] => [
  ...(s.holder
    ? [{ type: "token.released" as const, userId: s.holder.userId, reason: "replaced" as const }]
    : []),
  { type: "token.granted", userId, reason: "facilitator" },
];

/**
 * The facilitator gives the floor to someone waiting, ending the current turn if there is one.
 * Anyone but the head of the queue is an override: recorded with who was passed over and why.
 */
export function grantToken(s: TokenState, userId: string, reason: string | null = null): TokenEvent[] {
  if (!isQueued(s, userId)) throw refuse("GRANT_NOT_QUEUED");
  return [...outOfOrder(s, userId, reason), ...replaceHolder(s, userId)];
}

/** When the turn limit has run out, the turn ends and the floor passes on. */
export function expireTurn(s: TokenState, now: Date): TokenEvent[] {
  if (!s.holder || s.turnLimitSec === null) return [];
  const held = now.getTime() - s.holder.since;
  return held >= s.turnLimitSec * 1000 ? endTurn(s, "expired") : [];
}

export function turnEndsAt(s: TokenState): Date | null {
  if (!s.holder || s.turnLimitSec === null) return null;
  return new Date(s.holder.since + s.turnLimitSec * 1000);
}

/** Someone leaving (or made Observer) gives up the token and their place in the queue. */
export function removeFromFloor(s: TokenState, userId: string, why: "left" | "demoted"): TokenEvent[] {
  const point: TokenEvent[] = s.points.some((p) => p.userId === userId)
    ? [{ type: "floor.pointWithdrawn", userId, reason: why }]
    : [];
  if (s.holder?.userId === userId) {
    return [...point, { type: "token.released", userId, reason: why }, ...passToHead(s, userId)];
  }
  return [
    ...point,
    ...(isQueued(s, userId) ? [{ type: "token.withdrawn" as const, userId, reason: why }] : []),
  ];
}

/** Closing the meeting frees the token and empties the queue; nobody is given the floor. */
export function closeTokenEvents(s: TokenState): TokenEvent[] {
  const release: TokenEvent[] = s.holder
    ? [{ type: "token.released", userId: s.holder.userId, reason: "closed" }]
    : [];
  return [
    ...release,
    ...s.queue.map((q): TokenEvent => ({ type: "token.withdrawn", userId: q.userId, reason: "closed" })),
    ...s.points.map((p): TokenEvent => ({
      type: "floor.pointWithdrawn",
      userId: p.userId,
      reason: "closed",
    })),
  ];
}

/**
 * Fold one event into the token state (seq and time, in epoch ms, come from the log). Any event
 * may be passed (the room folds every one through here); only the token's own change it.
 */
export function applyTokenEvent(s: TokenState, event: { type: string }, seq: number, at: number): TokenState {
  const e = event as MeetingEvent;
  switch (e.type) {
    case "token.requested":
      return { ...s, queue: [...s.queue, { userId: e.userId, ticket: seq, since: at }] };
    case "token.withdrawn":
      return leaveQueue(s, e.userId);
    case "token.granted": {
      const spoken = spokenBy(s.spoken, e.userId);
      return {
        ...leaveQueue(s, e.userId),
        holder: { userId: e.userId, since: at },
        spoken: { ...s.spoken, [e.userId]: { ...spoken, turns: spoken.turns + 1 } },
      };
    }
    case "token.released": {
      if (s.holder?.userId !== e.userId) return s;
      const spoken = spokenBy(s.spoken, e.userId);
      const speakingMs = spoken.speakingMs + Math.max(0, at - s.holder.since);
      return { ...s, holder: null, spoken: { ...s.spoken, [e.userId]: { ...spoken, speakingMs } } };
    }
    case "meeting.configured":
      return { ...s, turnLimitSec: e.turnLimitSec };
    case "floor.policySet":
      return { ...s, policy: e.to };
    case "floor.pointRaised":
      return { ...s, points: [...s.points, { userId: e.userId, reason: e.reason, ticket: seq, since: at }] };
    case "floor.grantedOutOfOrder":
      return byOverride(s, e.userId);
    case "floor.pointGranted": // the raiser takes the floor at once, unless they already hold it
      return s.holder?.userId === e.userId
        ? closePoint(s, e.userId)
        : byOverride(closePoint(s, e.userId), e.userId);
    case "floor.pointDeclined":
    case "floor.pointWithdrawn":
      return { ...s, points: s.points.filter((p) => p.userId !== e.userId) };
    case "floor.reordered":
      return {
        ...s,
        // The anchor is whoever stood at the target place: first passed going up, last going down.
        moves: [
          ...s.moves,
          {
            userId: e.userId,
            anchorId: (e.direction === "up" ? e.skipped[0] : e.skipped.at(-1))!,
            direction: e.direction,
          },
        ],
      };
    default:
      return s;
  }
}

const closePoint = (s: TokenState, userId: string): TokenState => ({
  ...s,
  points: s.points.filter((p) => p.userId !== userId),
});

/** The turn that follows (in the same command) is given by an override. */
const byOverride = (s: TokenState, userId: string): TokenState => ({
  ...s,
  overrideTurns: { ...s.overrideTurns, [userId]: (s.overrideTurns[userId] ?? 0) + 1 },
});

/** Leaving the queue (granted or withdrawn) ends the moves that concerned the request. */
const leaveQueue = (s: TokenState, userId: string): TokenState => ({
  ...s,
  queue: s.queue.filter((q) => q.userId !== userId),
  moves: s.moves.filter((m) => m.userId !== userId && m.anchorId !== userId),
});
