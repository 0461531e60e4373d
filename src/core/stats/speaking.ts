import type { MeetingEvent, RecordedEvent } from "../events";
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
//
// The fold is incremental (applyFloorEvent, one event at a time, plain JSON), so the live room
// folds it event by event in the browser exactly as the records fold a whole log on the server.

export interface FloorStats {
  speakingMs: number;
  turns: number;
  waits: number;
  totalWaitMs: number;
  /** null when the person never asked for the floor. */
  meanWaitMs: number | null;
  longestWaitMs: number | null;
}

/** What the fold keeps per person: closed turns and waits only (running ones are added at read). */
interface FloorEntry {
  userId: string;
  speakingMs: number;
  turns: number;
  waits: number;
  totalWaitMs: number;
  longestWaitMs: number;
}

/** Everyone who touched the token, in order of first appearance. */
export type FloorAcc = readonly FloorEntry[];

export const sameHolder = (a: TokenState["holder"], b: TokenState["holder"]) =>
  a !== null && b !== null && a.userId === b.userId && a.since === b.since;

const inQueue = (s: TokenState, q: QueuedRequest) => s.queue.some((x) => x.ticket === q.ticket);

const newEntry = (userId: string): FloorEntry => ({
  userId,
  speakingMs: 0,
  turns: 0,
  waits: 0,
  totalWaitMs: 0,
  longestWaitMs: 0,
});

/** Copy-on-write changes to a FloorAcc, so a fold step copies the array at most once. */
class FloorDraft {
  private out: FloorEntry[] | null = null;
  constructor(private readonly acc: FloorAcc) {}

  private entries(): FloorEntry[] {
    return (this.out ??= [...this.acc]);
  }
  private index(userId: string): number {
    const list = this.out ?? this.acc;
    const i = list.findIndex((x) => x.userId === userId);
    if (i >= 0) return i;
    this.entries().push(newEntry(userId));
    return this.entries().length - 1;
  }
  private change(userId: string, f: (x: FloorEntry) => Partial<FloorEntry>): void {
    const i = this.index(userId);
    const list = this.entries();
    list[i] = { ...list[i], ...f(list[i]) };
  }
  appear(userId: string): void {
    this.index(userId);
  }
  spoke(userId: string, ms: number): void {
    this.change(userId, (x) => ({ speakingMs: x.speakingMs + Math.max(0, ms) }));
  }
  turn(userId: string): void {
    this.change(userId, (x) => ({ turns: x.turns + 1 }));
  }
  waited(userId: string, ms: number): void {
    this.change(userId, (x) => ({
      waits: x.waits + 1,
      totalWaitMs: x.totalWaitMs + Math.max(0, ms),
      longestWaitMs: Math.max(x.longestWaitMs, ms, 0),
    }));
  }
  result(): FloorAcc {
    return this.out ?? this.acc;
  }
}

/**
 * One step of the floor fold: `prev` and `next` are the token state before and after event `e`
 * (at `at`, epoch ms), as applyTokenEvent gives them.
 */
export function applyFloorEvent(
  acc: FloorAcc,
  prev: TokenState,
  next: TokenState,
  event: { type: string },
  at: number,
): FloorAcc {
  const e = event as MeetingEvent;
  if (prev === next) return acc;
  const d = new FloorDraft(acc);
  if (!sameHolder(prev.holder, next.holder)) {
    if (prev.holder) d.spoke(prev.holder.userId, at - prev.holder.since);
    if (next.holder) d.turn(next.holder.userId);
  }
  for (const q of prev.queue) if (!inQueue(next, q)) d.waited(q.userId, at - q.since);
  for (const q of next.queue) d.appear(q.userId); // someone waiting appears before they ever speak
  if (e.type === "token.granted" && !prev.queue.some((q) => q.userId === e.userId)) d.waited(e.userId, 0);
  return d.result();
}

/**
 * The statistics as of `end` (epoch ms; undefined: only what is closed): the running turn and the
 * running waits of `token` count up to it.
 */
export function floorAt(acc: FloorAcc, token: TokenState, end: number | undefined): Map<string, FloorStats> {
  let all = acc;
  if (end !== undefined) {
    const d = new FloorDraft(acc);
    if (token.holder) d.spoke(token.holder.userId, end - token.holder.since);
    for (const q of token.queue) d.waited(q.userId, end - q.since);
    all = d.result();
  }
  return new Map(
    all.map((a) => [
      a.userId,
      {
        speakingMs: a.speakingMs,
        turns: a.turns,
        waits: a.waits,
        totalWaitMs: a.totalWaitMs,
        meanWaitMs: a.waits ? a.totalWaitMs / a.waits : null,
        longestWaitMs: a.waits ? a.longestWaitMs : null,
      },
    ]),
  );
}

/**
 * Folds the floor statistics of every person who touched the token, in order of first appearance.
 * `now` (default: the time of the last event) ends the running turn and the running waits.
 */
export function floorStats(events: readonly RecordedEvent[], now?: Date): Map<string, FloorStats> {
  let token = emptyTokenState();
  let acc: FloorAcc = [];
  for (const r of events) {
    const at = r.at.getTime();
    const next = applyTokenEvent(token, r.event, r.seq, at);
    acc = applyFloorEvent(acc, token, next, r.event, at);
    token = next;
  }
  return floorAt(acc, token, (now ?? events.at(-1)?.at)?.getTime());
}
