import type { GlobalRole } from "../roles";

/**
 * Who must use a second factor, as chosen by an admin (in the order the console offers them):
 * - PRIVILEGED (the default): Admins and Auditors, whose accounts can see and change everything;
 * - EVERYONE: every account;
 * - OFF: nobody is forced (anyone may still turn 2FA on).
 */
export const TWO_FACTOR_POLICIES = ["PRIVILEGED", "EVERYONE", "OFF"] as const;
export type TwoFactorPolicy = (typeof TWO_FACTOR_POLICIES)[number];

export const DEFAULT_TWO_FACTOR_POLICY: TwoFactorPolicy = "PRIVILEGED";

const PRIVILEGED_ROLES: readonly GlobalRole[] = ["ADMIN", "AUDITOR"];

export function twoFactorRequired(policy: TwoFactorPolicy, role: GlobalRole): boolean {
  if (policy === "EVERYONE") return true;
  if (policy === "PRIVILEGED") return PRIVILEGED_ROLES.includes(role);
  return false;
}

/** A stored value back into a policy; anything unreadable falls back to the safe default. */
export function parseTwoFactorPolicy(value: unknown): TwoFactorPolicy {
  return (TWO_FACTOR_POLICIES as readonly unknown[]).includes(value)
    ? (value as TwoFactorPolicy)
    : DEFAULT_TWO_FACTOR_POLICY;
}
