import type { MeetingEvent, ReleaseReason } from "../events";
import { refuse } from "../errors";

// The speaking token: one holder at most, a first-come queue, optional time limit per turn.
// Commands are pure: they read the state and return the events that would follow, or throw.

// Times are epoch milliseconds: the state is plain JSON, so the browser folds the same state the
// server does (src/core/room) and a snapshot crosses the wire as it is.

export interface QueuedRequest {
  userId: string;
  /** Sequence number of the request event: strictly increasing, so the order is fair. */
  ticket: number;
  since: number;
}

export interface TokenState {
  holder: { userId: string; since: number } | null;
  queue: readonly QueuedRequest[];
  turnLimitSec: number | null;
}

export const emptyTokenState = (): TokenState => ({ holder: null, queue: [], turnLimitSec: null });

type TokenEvent = Extract<MeetingEvent, { type: `token.${string}` }>;

const isQueued = (s: TokenState, userId: string) => s.queue.some((q) => q.userId === userId);

/** The head of the queue (excluding `skip`) takes the token when it falls free. */
function passToHead(s: TokenState, skip?: string): TokenEvent[] {
  const head = s.queue.find((q) => q.userId !== skip);
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

/** The facilitator gives the floor to someone waiting, ending the current turn if there is one. */
export function grantToken(s: TokenState, userId: string): TokenEvent[] {
  if (!isQueued(s, userId)) throw refuse("GRANT_NOT_QUEUED");
  const ending: TokenEvent[] = s.holder
    ? [{ type: "token.released", userId: s.holder.userId, reason: "replaced" }]
    : [];
  return [...ending, { type: "token.granted", userId, reason: "facilitator" }];
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
  if (s.holder?.userId === userId) {
    return [{ type: "token.released", userId, reason: why }, ...passToHead(s, userId)];
  }
  return isQueued(s, userId) ? [{ type: "token.withdrawn", userId, reason: why }] : [];
}

/** Closing the meeting frees the token and empties the queue; nobody is given the floor. */
export function closeTokenEvents(s: TokenState): TokenEvent[] {
  const release: TokenEvent[] = s.holder
    ? [{ type: "token.released", userId: s.holder.userId, reason: "closed" }]
    : [];
  return [
    ...release,
    ...s.queue.map((q): TokenEvent => ({ type: "token.withdrawn", userId: q.userId, reason: "closed" })),
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
      return { ...s, queue: s.queue.filter((q) => q.userId !== e.userId) };
    case "token.granted":
      return {
        ...s,
        holder: { userId: e.userId, since: at },
        queue: s.queue.filter((q) => q.userId !== e.userId),
      };
    case "token.released":
      return s.holder?.userId === e.userId ? { ...s, holder: null } : s;
    case "meeting.configured":
      return { ...s, turnLimitSec: e.turnLimitSec };
    default:
      return s;
  }
}
