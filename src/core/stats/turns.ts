import type { RecordedEvent } from "../events";
import { applyTokenEvent, emptyTokenState } from "../tokens/engine";
import { sameHolder } from "./speaking";

// Every speaking turn, in order, read off the token engine's fold exactly as the speaking-time
// statistics are (speaking.ts): the sum of a person's turn durations is their speaking time.

export interface SpeakingTurn {
  userId: string;
  start: Date;
  /** null while the turn is still running at the end of the log. */
  end: Date | null;
  durationMs: number;
  /** Why it ended: the release reason ("released", "revoked", "expired"...), null if running. */
  endReason: string | null;
}

/** `now` (default: the last event's time) measures a running turn. */
export function speakingTurns(events: readonly RecordedEvent[], now?: Date): SpeakingTurn[] {
  const turns: SpeakingTurn[] = [];
  let s = emptyTokenState();
  for (const r of events) {
    const next = applyTokenEvent(s, r.event, r.seq, r.at.getTime());
    if (!sameHolder(s.holder, next.holder)) {
      if (s.holder) {
        const e = r.event;
        turns.push({
          userId: s.holder.userId,
          start: new Date(s.holder.since),
          end: r.at,
          durationMs: Math.max(0, r.at.getTime() - s.holder.since),
          endReason: e.type === "token.released" ? e.reason : "replaced",
        });
      }
    }
    s = next;
  }
  const end = now ?? events.at(-1)?.at;
  if (s.holder && end) {
    turns.push({
      userId: s.holder.userId,
      start: new Date(s.holder.since),
      end: null,
      durationMs: Math.max(0, end.getTime() - s.holder.since),
      endReason: null,
    });
  }
  return turns;
}
