import { z } from "zod";
import { str } from "./text";
import { signInSchema } from "./account";

/**
 * What the sign-in form sends to next-auth's credentials provider, in one of two shapes:
 * - email + password, plus the second-factor code once the server asked for it;
 * - a session ticket (auth/session-ticket.ts) after changing one's own password or enrolling 2FA.
 */
export const credentialsSchema = z.union([
  z.object({ ticket: str().min(1).max(4000) }),
  signInSchema.extend({
    // next-auth posts every field as a string: an empty code means none was typed yet.
    code: str()
      .max(40)
      .optional()
      .transform((v) => (v && v.trim() ? v.trim() : undefined)),
  }),
]);

/**
 * How sign-in fails, as the `error` string next-auth hands the form. The wrong-password text is
 * the same for unknown, disabled and existing accounts; the others only follow a right password
 * (or, for the throttle, apply to unknown emails alike).
 */
export const SIGN_IN_ERRORS = {
  invalidCredentials: "Invalid email or password",
  secondFactorRequired: "SECOND_FACTOR_REQUIRED",
  invalidCode: "INVALID_CODE",
  replayedCode: "REPLAYED_CODE",
  tooManyAttempts: "TOO_MANY_ATTEMPTS",
  ticketInvalid: "SESSION_TICKET_INVALID",
} as const;
export type SignInErrorKey = keyof typeof SIGN_IN_ERRORS;

/** `TOO_MANY_ATTEMPTS:30` -> { key: "tooManyAttempts", retryAfterSeconds: 30 }. */
export function parseSignInError(error: string | null | undefined): {
  key: SignInErrorKey | null;
  retryAfterSeconds?: number;
} {
  if (!error) return { key: null };
  const [code, seconds] = error.split(":");
  const key = (Object.keys(SIGN_IN_ERRORS) as SignInErrorKey[]).find((k) => SIGN_IN_ERRORS[k] === code);
  const n = Number(seconds);
  return { key: key ?? null, ...(Number.isFinite(n) && n > 0 ? { retryAfterSeconds: n } : {}) };
}

export function signInErrorText(key: SignInErrorKey, retryAfterSeconds?: number): string {
  return retryAfterSeconds ? `${SIGN_IN_ERRORS[key]}:${retryAfterSeconds}` : SIGN_IN_ERRORS[key];
}
