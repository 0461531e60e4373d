import type { Deps } from "@/server/deps";
import { DomainError } from "@/core/errors";
import {
  accountKey,
  checkThrottle,
  clearThrottle,
  ipKey,
  recordThrottledFailure,
  retryAfterSeconds,
} from "./throttle";

/** Refused before anything was checked: the account or the address must wait. */
export class TooManyAttempts extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("TOO_MANY_ATTEMPTS", { seconds: retryAfterSeconds });
  }
}

/** How a guarded attempt ended: passed, failed (counts against the limits), or half-way. */
type AttemptOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: Error }
  /** Right so far, but a further step is needed (password right, code missing): not counted. */
  | { ok: "pending"; value: T };

/**
 * Runs one guessable check (a password, a code) under the per-account and per-IP limits: refused
 * up front while throttled (the secret is not even checked), a failure is recorded under both
 * keys, a success clears the account's streak. Errors thrown by the check itself (account not in
 * the right state) pass through without counting.
 */
export async function guardedAttempt<T>(
  deps: Pick<Deps, "db" | "clock">,
  who: { email: string; ip: string },
  attempt: () => Promise<AttemptOutcome<T>>,
): Promise<T> {
  const keys = [accountKey(who.email), ipKey(who.ip)];
  const decision = await checkThrottle(deps.db, keys, deps.clock.now());
  if (!decision.allowed) throw new TooManyAttempts(retryAfterSeconds(decision.retryAfterMs));
  const outcome = await attempt();
  if (outcome.ok === false) {
    await recordThrottledFailure(deps.db, keys, deps.clock.now());
    throw outcome.error;
  }
  if (outcome.ok === true) await clearThrottle(deps.db, keys[0]);
  return outcome.value;
}
