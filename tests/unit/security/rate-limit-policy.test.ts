import { describe, expect, it } from "vitest";
import {
  checkAttempt,
  delayAfter,
  initialAttemptState,
  RATE_LIMIT,
  recordFailure,
  recordSuccess,
  type AttemptState,
} from "@/server/security/rate-limit-policy";

const T0 = new Date("2026-01-01T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

/** `n` failures, each made as soon as the policy allowed it; returns the state and the last time. */
function failNTimes(n: number, start = T0): { state: AttemptState; now: Date } {
  let state = initialAttemptState();
  let now = start;
  for (let i = 0; i < n; i++) {
    const decision = checkAttempt(state, now);
    if (!decision.allowed) now = new Date(now.getTime() + decision.retryAfterMs);
    expect(checkAttempt(state, now)).toEqual({ allowed: true });
    state = recordFailure(state, now);
  }
  return { state, now };
}

describe("rate-limit policy", () => {
  it("has its numbers in one place", () => {
    expect(RATE_LIMIT).toMatchObject({
      freeFailures: 5,
      lockAfterFailures: 10,
      lockMs: 900_000,
      windowMs: 900_000,
    });
  });

  it("allows the first 5 failures back to back", () => {
    let state = initialAttemptState();
    for (let i = 0; i < 5; i++) {
      expect(checkAttempt(state, T0)).toEqual({ allowed: true });
      state = recordFailure(state, T0);
    }
    expect(state.failures).toBe(5);
    expect(state.lockedUntil).toBeNull();
  });

  it("then makes each attempt wait a growing delay after the last failure", () => {
    expect([5, 6, 7, 8, 9].map((n) => delayAfter(n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(delayAfter(4)).toBe(0);
    expect(delayAfter(40)).toBe(RATE_LIMIT.maxDelayMs);

    const { state, now } = failNTimes(5);
    expect(checkAttempt(state, now)).toEqual({
      allowed: false,
      retryAfterMs: 1_000,
    });
    expect(checkAttempt(state, at(999))).toEqual({
      allowed: false,
      retryAfterMs: 1,
    });
    expect(checkAttempt(state, at(1_000))).toEqual({ allowed: true });

    const seventh = failNTimes(7);
    expect(checkAttempt(seventh.state, seventh.now)).toEqual({
      allowed: false,
      retryAfterMs: 4_000,
    });
  });

  it("locks for 15 minutes after 10 consecutive failures, then releases", () => {
    const { state, now } = failNTimes(10);
    expect(state.failures).toBe(10);
    expect(state.lockedUntil).toEqual(new Date(now.getTime() + 15 * 60_000));
    expect(checkAttempt(state, now)).toEqual({
      allowed: false,
      retryAfterMs: 15 * 60_000,
    });
    // Long past any delay, still locked.
    const almost = new Date(now.getTime() + 15 * 60_000 - 1);
    expect(checkAttempt(state, almost)).toEqual({
      allowed: false,
      retryAfterMs: 1,
    });
    // Released: a fresh start, 5 free failures again.
    const released = new Date(now.getTime() + 15 * 60_000);
    expect(checkAttempt(state, released)).toEqual({ allowed: true });
    const after = recordFailure(state, released);
    expect(after).toEqual({
      failures: 1,
      lastFailureAt: released,
      lockedUntil: null,
    });
  });

  it("does not lock before the 10th failure", () => {
    const { state } = failNTimes(9);
    expect(state.lockedUntil).toBeNull();
  });

  it("resets on success", () => {
    const { state, now } = failNTimes(8);
    expect(checkAttempt(state, now).allowed).toBe(false);
    const reset = recordSuccess();
    expect(reset).toEqual(initialAttemptState());
    expect(checkAttempt(reset, now)).toEqual({ allowed: true });
  });

  it("forgets a streak whose last failure is older than the window", () => {
    const { state, now } = failNTimes(9);
    const later = new Date(now.getTime() + RATE_LIMIT.windowMs);
    expect(checkAttempt(state, later)).toEqual({ allowed: true });
    expect(recordFailure(state, later).failures).toBe(1);
    // One millisecond inside the window the streak still counts.
    const inside = new Date(now.getTime() + RATE_LIMIT.windowMs - 1);
    expect(recordFailure(state, inside)).toMatchObject({
      failures: 10,
      lockedUntil: expect.any(Date),
    });
  });

  it("counts failures spread out under the window as one streak", () => {
    let state = initialAttemptState();
    for (let i = 0; i < 10; i++) state = recordFailure(state, at(i * 10 * 60_000)); // every 10 minutes
    expect(state.failures).toBe(10);
    expect(state.lockedUntil).not.toBeNull();
  });

  it("is pure: never changes the state it is given", () => {
    const state: AttemptState = {
      failures: 4,
      lastFailureAt: T0,
      lockedUntil: null,
    };
    const copy = structuredClone(state);
    recordFailure(state, at(10));
    checkAttempt(state, at(10));
    expect(state).toEqual(copy);
  });

  it("accepts a custom policy", () => {
    const strict = {
      ...RATE_LIMIT,
      freeFailures: 1,
      lockAfterFailures: 3,
      lockMs: 60_000,
    };
    let state = recordFailure(initialAttemptState(), T0, strict);
    expect(checkAttempt(state, T0, strict)).toEqual({
      allowed: false,
      retryAfterMs: 1_000,
    });
    state = recordFailure(recordFailure(state, at(1_000), strict), at(3_000), strict);
    expect(checkAttempt(state, at(3_000), strict)).toEqual({
      allowed: false,
      retryAfterMs: 60_000,
    });
  });
});
