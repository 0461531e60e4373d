import { createHash } from "node:crypto";
import type { Db, Tx } from "@/server/db/client";
import {
  checkAttempt,
  IP_RATE_LIMIT,
  RATE_LIMIT,
  recordFailure,
  type AttemptState,
  type RateLimitPolicy,
} from "@/server/security/rate-limit-policy";
import { withTransientRetry } from "./retry";
import { appendAdminEntries } from "./admin-log";

/**
 * Sign-in and second-factor throttling, persisted in AuthAttempt (security/rate-limit-policy.ts
 * decides; this file stores). Every attempt is keyed twice: by account (the normalised email, so
 * unknown emails are throttled exactly like real ones) and by client IP.
 */
type ThrottleScope = "account" | "ip";
interface ThrottleKey {
  scope: ThrottleScope;
  value: string;
}

const POLICIES: Record<ThrottleScope, RateLimitPolicy> = { account: RATE_LIMIT, ip: IP_RATE_LIMIT };

export const accountKey = (email: string): ThrottleKey => ({
  scope: "account",
  value: email.trim().toLowerCase(),
});
export const ipKey = (ip: string): ThrottleKey => ({ scope: "ip", value: ip });

/** The stored key: a hash, so the table holds no email or address in the clear. */
const storedKey = (k: ThrottleKey) => createHash("sha256").update(`${k.scope}:${k.value}`).digest("hex");

function stateOf(
  row: { failures: number; lastFailureAt: Date | null; lockedUntil: Date | null } | null,
): AttemptState {
  return row
    ? { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil }
    : { failures: 0, lastFailureAt: null, lockedUntil: null };
}

type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** May an attempt be made now under every key? If not, the longest wait among them. */
export async function checkThrottle(
  db: Db,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<ThrottleDecision> {
  const rows = await db.authAttempt.findMany({ where: { key: { in: keys.map(storedKey) } } });
  let wait = 0;
  for (const k of keys) {
    const row = rows.find((r) => r.key === storedKey(k)) ?? null;
    const decision = checkAttempt(stateOf(row), now, POLICIES[k.scope]);
    if (!decision.allowed) wait = Math.max(wait, decision.retryAfterMs);
  }
  return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
}

/** Locks one key's row (creating it), so concurrent failures are all counted. */
async function lockKey(tx: Tx, key: string, scope: ThrottleScope) {
  await tx.$executeRaw`INSERT INTO "AuthAttempt" ("key", "scope", "failures") VALUES (${key}, ${scope}, 0) ON CONFLICT ("key") DO NOTHING`;
  await tx.$executeRaw`UPDATE "AuthAttempt" SET "failures" = "failures" WHERE "key" = ${key}`;
  return tx.authAttempt.findUniqueOrThrow({ where: { key } });
}

/**
 * Counts a failed attempt under every key. A key this failure locks is recorded in the admin
 * audit log, in the same transaction: the account (when the email has one) or the address.
 */
export async function recordThrottledFailure(db: Db, keys: readonly ThrottleKey[], now: Date): Promise<void> {
  const ip = keys.find((k) => k.scope === "ip")?.value ?? "unknown";
  await withTransientRetry(() =>
    db.$transaction(async (tx) => {
      const entries = [];
      for (const k of keys) {
        const key = storedKey(k);
        const before = await lockKey(tx, key, k.scope);
        const next = recordFailure(stateOf(before), now, POLICIES[k.scope]);
        await tx.authAttempt.update({ where: { key }, data: next });
        const locksNow = next.lockedUntil && !(before.lockedUntil && before.lockedUntil > now);
        if (locksNow) entries.push(...(await lockEntry(tx, k, ip, next)));
      }
      await appendAdminEntries(tx, null, now, entries);
    }),
  );
}

async function lockEntry(tx: Tx, k: ThrottleKey, ip: string, state: AttemptState) {
  const lock = { until: state.lockedUntil!.toISOString(), failures: state.failures, ip };
  if (k.scope === "ip")
    return [{ targetUserId: null, event: { action: "address.locked", ...lock } as const }];
  const user = await tx.user.findUnique({ where: { email: k.value }, select: { id: true } });
  // An email without an account: nobody to warn, and nothing an attacker typed goes in the log.
  return user ? [{ targetUserId: user.id, event: { action: "account.locked", ...lock } as const }] : [];
}

/** A success ends the account's streak (the IP's stays: see IP_RATE_LIMIT). */
export async function clearThrottle(db: Db, key: ThrottleKey): Promise<void> {
  await db.authAttempt.deleteMany({ where: { key: storedKey(key) } });
}

/** Whole seconds to wait, rounded up, as shown to people. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
