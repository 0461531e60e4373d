/**
 * Throttling of sign-in and second-factor attempts, as a pure policy over a small state the
 * caller persists (one row per key: per account, e.g. the normalised email so unknown accounts
 * are throttled alike, and per IP). No I/O, no clock of its own: `now` is passed in.
 *
 * Use: `checkAttempt(state, now)` before verifying anything; if allowed, verify, then store
 * `recordFailure(state, now)` or `recordSuccess()`. A refused attempt is not verified and not
 * recorded, so waiting out a delay is the only way forward.
 *
 * Rule (numbers in RATE_LIMIT): the first 5 consecutive failures are free; after the 5th, the
 * next attempt must wait 1 s after the last failure, then 2 s, 4 s, 8 s … (capped); the 10th
 * consecutive failure locks the key for 15 minutes. A streak is forgotten 15 minutes after its
 * last failure, and once a lock has run out; a success resets it.
 */

export const RATE_LIMIT = {
  /** Consecutive failures allowed without any delay. */
  freeFailures: 5,
  /** Delay after the first failure beyond the free ones; doubles with each further failure. */
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  /** This many consecutive failures lock the key… */
  lockAfterFailures: 10,
  /** …for this long. */
  lockMs: 15 * 60_000,
  /** A streak whose last failure is older than this is forgotten. */
  windowMs: 15 * 60_000,
} as const;

/**
 * Per client IP: the same shape, looser, because one address (an office, a VPN) is shared by many
 * people, and a success does not clear it (a valid account must not refill an attacker's budget).
 */
export const IP_RATE_LIMIT = {
  ...RATE_LIMIT,
  freeFailures: 20,
  lockAfterFailures: 50,
} as const;

export type RateLimitPolicy = {
  readonly [K in keyof typeof RATE_LIMIT]: number;
};

export interface AttemptState {
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
}

type AttemptDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export function initialAttemptState(): AttemptState {
  return { failures: 0, lastFailureAt: null, lockedUntil: null };
}

/** The wait imposed after `failures` consecutive failures (0 while free), before any lock. */
export function delayAfter(failures: number, policy: RateLimitPolicy = RATE_LIMIT): number {
  const extra = failures - policy.freeFailures;
  if (extra < 0) return 0;
  return Math.min(policy.baseDelayMs * 2 ** extra, policy.maxDelayMs);
}

/** The state as it stands at `now`: expired locks and stale streaks are dropped. */
function current(state: AttemptState, now: Date, policy: RateLimitPolicy): AttemptState {
  const t = now.getTime();
  if (state.lockedUntil && t >= state.lockedUntil.getTime()) return initialAttemptState();
  if (state.lastFailureAt && t - state.lastFailureAt.getTime() >= policy.windowMs && !state.lockedUntil) {
    return initialAttemptState();
  }
  return state;
}

/** May an attempt be made at `now`? If not, how long until it may. */
export function checkAttempt(
  state: AttemptState,
  now: Date,
  policy: RateLimitPolicy = RATE_LIMIT,
): AttemptDecision {
  const s = current(state, now, policy);
  const t = now.getTime();
  if (s.lockedUntil) return { allowed: false, retryAfterMs: s.lockedUntil.getTime() - t };
  if (!s.lastFailureAt) return { allowed: true };
  const readyAt = s.lastFailureAt.getTime() + delayAfter(s.failures, policy);
  return t >= readyAt ? { allowed: true } : { allowed: false, retryAfterMs: readyAt - t };
}

/** The state to store after a failed attempt at `now`. */
export function recordFailure(
  state: AttemptState,
  now: Date,
  policy: RateLimitPolicy = RATE_LIMIT,
): AttemptState {
  const s = current(state, now, policy);
  const failures = s.failures + 1;
  const newLock = failures >= policy.lockAfterFailures ? new Date(now.getTime() + policy.lockMs) : null;
  // Never shorten a lock already running.
  const lockedUntil = s.lockedUntil && (!newLock || s.lockedUntil > newLock) ? s.lockedUntil : newLock;
  return { failures, lastFailureAt: new Date(now), lockedUntil };
}

/** The state to store after a successful attempt: the streak is over. */
export function recordSuccess(): AttemptState {
  return initialAttemptState();
}
