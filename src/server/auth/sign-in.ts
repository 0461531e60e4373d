import type { Deps } from "@/server/deps";
import type { Db } from "@/server/db/client";
import type { GlobalRole } from "@/core/roles";
import { DomainError } from "@/core/errors";
import { signInSchema } from "@/lib/schemas/account";
import { credentialsSchema, signInErrorText, type SignInErrorKey } from "@/lib/schemas/sign-in";
import { guardedAttempt, TooManyAttempts } from "@/server/services/attempt-guard";
import { verifyAndSpendSecondFactor } from "@/server/services/two-factor";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";
import { openSessionTicket } from "./session-ticket";

/**
 * The sign-in decision behind next-auth's credentials provider (auth/options.ts).
 *
 * Two steps through the same provider: the form first posts email + password; when the account
 * has 2FA the answer is "second factor required" (only ever after a right password) and the form
 * posts again with the code. Every guess (password or code) goes through the per-account and
 * per-IP limits, which also apply to emails without an account, with the same answers.
 */

/** The user next-auth turns into the JWT claims. */
export interface AuthorizedUser {
  id: string;
  name: string;
  email: string;
  role: GlobalRole;
  sv: number;
  mfa: boolean;
}

class SignInError extends Error {
  constructor(
    readonly key: SignInErrorKey,
    retryAfterSeconds?: number,
  ) {
    // The message is what the browser receives as next-auth's `error`.
    super(signInErrorText(key, retryAfterSeconds));
    this.name = "SignInError";
  }
}

type UserRow = NonNullable<Awaited<ReturnType<Db["user"]["findUnique"]>>>;

/**
 * The account these credentials open, or null. Unknown email, wrong password and disabled account
 * all yield null after the same amount of scrypt work.
 */
export async function checkPassword(db: Db, credentials: unknown): Promise<UserRow | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return verifyAgainstDummy(password).then(() => null);
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.disabled) return null;
  if (needsRehash(user.passwordHash)) {
    // Parameters were raised since this hash was made: upgrade it now that we know the password.
    await db.user
      .update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } })
      .catch(() => undefined);
  }
  return user;
}

const authorized = (user: UserRow, mfa: boolean): AuthorizedUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.globalRole as GlobalRole,
  sv: user.sessionVersion,
  mfa,
});

async function signInWithTicket(deps: Pick<Deps, "db" | "clock" | "secrets">, ticket: string) {
  const claims = openSessionTicket(deps.secrets, deps.clock.now(), ticket);
  const user = claims && (await deps.db.user.findUnique({ where: { id: claims.userId } }));
  if (!claims || !user || user.disabled || user.sessionVersion !== claims.sv) {
    throw new SignInError("ticketInvalid");
  }
  return authorized(user, claims.mfa);
}

/** next-auth's authorize(): the user to sign in, or a SignInError saying why not. */
export async function signInWithCredentials(
  deps: Pick<Deps, "db" | "clock" | "secrets" | "bus">,
  raw: unknown,
  ip: string,
): Promise<AuthorizedUser> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new SignInError("invalidCredentials");
  if ("ticket" in parsed.data) return signInWithTicket(deps, parsed.data.ticket);
  const { email, code } = parsed.data;
  try {
    const user = await guardedAttempt<AuthorizedUser | null>(deps, { email, ip }, async () => {
      const account = await checkPassword(deps.db, parsed.data);
      if (!account) return { ok: false, error: new SignInError("invalidCredentials") };
      if (!account.totpEnabledAt) return { ok: true, value: authorized(account, false) };
      if (!code) return { ok: "pending", value: null };
      const check = await verifyAndSpendSecondFactor(deps, account, code, { purpose: "signIn", ip });
      if (!check.ok) {
        return {
          ok: false,
          error: new SignInError(check.reason === "replayed" ? "replayedCode" : "invalidCode"),
        };
      }
      return { ok: true, value: authorized(account, true) };
    });
    if (!user) throw new SignInError("secondFactorRequired");
    await deps.db.user
      .update({ where: { id: user.id }, data: { lastSignInAt: deps.clock.now() } })
      .catch(() => undefined);
    return user;
  } catch (error) {
    if (error instanceof TooManyAttempts) throw new SignInError("tooManyAttempts", error.retryAfterSeconds);
    if (error instanceof SignInError || !(error instanceof DomainError)) throw error;
    throw new SignInError("invalidCredentials");
  }
}
