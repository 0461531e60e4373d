import type { RecordedEvent } from "../events";
import { applyTokenEvent, emptyTokenState, type QueuedRequest, type TokenState } from "../tokens/engine";

// Speaking time, turns and queue waits per person, read off the token engine's own fold: a turn is
// any change of holder, a wait is any request leaving the queue. So the statistics cannot disagree
// with the token state the meeting shows.
//
// Definitions:
// - speaking time: sum of holding intervals, granted -> released (or replaced); a turn still
//   running counts up to `now`.
// - turns: number of times the person was given the token (a running turn counts).
// - a wait is one request for the floor, from asking to the end of the queue stay, whatever ended
//   it: a grant, or a withdrawal (withdrawn, dismissed, left, demoted, closed). Abandoned waits
//   count because the time was spent waiting all the same; dropping them would hide exactly the
//   people who gave up. A request granted at once (token free, nobody queued) is a wait of 0. A
//   request still queued counts up to `now`. Only grants are turns.

export interface FloorStats {
  speakingMs: number;
  turns: number;
  waits: number;
  totalWaitMs: number;
  /** null when the person never asked for the floor. */
  meanWaitMs: number | null;
  longestWaitMs: number | null;
}

interface Acc {
  speakingMs: number;
  turns: number;
  waits: number;
  totalWaitMs: number;
  longestWaitMs: number;
}

export const sameHolder = (a: TokenState["holder"], b: TokenState["holder"]) =>
  a !== null && b !== null && a.userId === b.userId && a.since.getTime() === b.since.getTime();

const inQueue = (s: TokenState, q: QueuedRequest) => s.queue.some((x) => x.ticket === q.ticket);

/**
 * Folds the floor statistics of every person who touched the token, in order of first appearance.
 * `now` (default: the time of the last event) ends the running turn and the running waits.
 */
export function floorStats(events: readonly RecordedEvent[], now?: Date): Map<string, FloorStats> {
  const acc = new Map<string, Acc>();
  const of = (userId: string) => {
    let a = acc.get(userId);
    if (!a) acc.set(userId, (a = { speakingMs: 0, turns: 0, waits: 0, totalWaitMs: 0, longestWaitMs: 0 }));
    return a;
  };
  const spoke = (userId: string, ms: number) => {
    of(userId).speakingMs += Math.max(0, ms);
  };
  const waited = (userId: string, ms: number) => {
    const a = of(userId);
    a.waits += 1;
    a.totalWaitMs += Math.max(0, ms);
    a.longestWaitMs = Math.max(a.longestWaitMs, ms, 0);
  };

  let s = emptyTokenState();
  for (const r of events) {
    const e = r.event;
    const next = applyTokenEvent(s, e, r.seq, r.at);
    const at = r.at.getTime();
    if (!sameHolder(s.holder, next.holder)) {
      if (s.holder) spoke(s.holder.userId, at - s.holder.since.getTime());
      if (next.holder) of(next.holder.userId).turns += 1;
    }
    for (const q of s.queue) if (!inQueue(next, q)) waited(q.userId, at - q.since.getTime());
    for (const q of next.queue) of(q.userId); // someone waiting appears before they ever speak
    if (e.type === "token.granted" && !s.queue.some((q) => q.userId === e.userId)) waited(e.userId, 0);
    s = next;
  }

  const end = (now ?? events.at(-1)?.at)?.getTime();
  if (end !== undefined) {
    if (s.holder) spoke(s.holder.userId, end - s.holder.since.getTime());
    for (const q of s.queue) waited(q.userId, end - q.since.getTime());
  }

  const out = new Map<string, FloorStats>();
  for (const [userId, a] of acc) {
    out.set(userId, {
      speakingMs: a.speakingMs,
      turns: a.turns,
      waits: a.waits,
      totalWaitMs: a.totalWaitMs,
      meanWaitMs: a.waits ? a.totalWaitMs / a.waits : null,
      longestWaitMs: a.waits ? a.longestWaitMs : null,
    });
  }
  return out;
}
