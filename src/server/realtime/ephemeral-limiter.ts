import { refuse } from "@/core/errors";
import { EPHEMERAL_BURST, EPHEMERAL_RATE_PER_SEC } from "@/core/room/ephemeral";

/**
 * A token bucket per person and room for ephemeral messages: a burst of EPHEMERAL_BURST, refilled
 * at EPHEMERAL_RATE_PER_SEC (a pointer at one message per animation frame stays well inside).
 * Kept in memory: the bucket guards this process's fan-out, which is what a flood would load.
 */
export class EphemeralLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Spends one token for `key` at `now` (ms), or throws TOO_MANY_REQUESTS. */
  take(key: string, now: number): void {
    const bucket = this.buckets.get(key) ?? { tokens: EPHEMERAL_BURST, at: now };
    const tokens = Math.min(
      EPHEMERAL_BURST,
      bucket.tokens + ((now - bucket.at) / 1000) * EPHEMERAL_RATE_PER_SEC,
    );
    if (tokens < 1) throw refuse("LIVE_TOO_FAST");
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.forgetFull(now);
  }

  /** Drops buckets that are full again (their owners went quiet). */
  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * EPHEMERAL_RATE_PER_SEC >= EPHEMERAL_BURST)
        this.buckets.delete(key);
    }
  }
}
