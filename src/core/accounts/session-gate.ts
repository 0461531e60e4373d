import type { RefusalCode } from "../errors";
import type { GlobalRole } from "../roles";
import { twoFactorRequired, type TwoFactorPolicy } from "./two-factor-policy";

/**
 * What a signed-in session may do, decided on every request from the token's claims and the
 * account as it is now:
 * - no session at all when the account is disabled, the token predates a password change, 2FA
 *   reset or disable (sessionVersion), or the account has 2FA but the token never passed it;
 * - a restricted session, which may only complete the named step, when the account must change
 *   its one-time password, or falls under the 2FA policy without having enrolled;
 * - otherwise a full session.
 */
export type SessionRestriction = "PASSWORD_CHANGE" | "TWO_FACTOR_ENROLMENT";

export interface GateInput {
  account: {
    disabled: boolean;
    sessionVersion: number;
    globalRole: GlobalRole;
    mustChangePassword: boolean;
    twoFactorEnabled: boolean;
  };
  claims: { sv: number; mfa: boolean };
  policy: TwoFactorPolicy;
}

type GateResult = { ok: false } | { ok: true; restriction: SessionRestriction | null };

export function sessionGate({ account, claims, policy }: GateInput): GateResult {
  if (account.disabled || account.sessionVersion !== claims.sv) return { ok: false };
  if (account.twoFactorEnabled && !claims.mfa) return { ok: false };
  if (account.mustChangePassword) return { ok: true, restriction: "PASSWORD_CHANGE" };
  if (!account.twoFactorEnabled && twoFactorRequired(policy, account.globalRole)) {
    return { ok: true, restriction: "TWO_FACTOR_ENROLMENT" };
  }
  return { ok: true, restriction: null };
}

/** The refusal procedures answer a restricted session with (PRECONDITION_FAILED). */
export const RESTRICTION_REFUSALS = {
  PASSWORD_CHANGE: "PASSWORD_CHANGE_REQUIRED",
  TWO_FACTOR_ENROLMENT: "TWO_FACTOR_ENROLMENT_REQUIRED",
} as const satisfies Record<SessionRestriction, RefusalCode>;
