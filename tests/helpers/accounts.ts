// Accounts with real passwords and a second factor, signed in through the same code next-auth's
// credentials provider runs (signInWithCredentials), and their sessions resolved as every request
// resolves them (resolveSession). For the account, admin and rate-limit tests.
import { randomBytes } from "node:crypto";
import type { GlobalRole } from "@/core/roles";
import { hashPassword } from "@/server/auth/password";
import { resolveSession, type SessionUser } from "@/server/auth/session";
import { signInWithCredentials, type AuthorizedUser } from "@/server/auth/sign-in";
import { generateTotp, TOTP_PERIOD_SECONDS } from "@/server/security/totp";
import type { TestApp } from "./app";

export const PASSWORD = "correct horse battery";
export const TEST_IP = "203.0.113.7";

interface TestAccount {
  userId: string;
  email: string;
  password: string;
}

export async function createAccount(
  app: TestApp,
  name: string,
  role: GlobalRole = "USER",
  password = PASSWORD,
): Promise<TestAccount> {
  const email = `${name.toLowerCase()}-${randomBytes(3).toString("hex")}@example.test`;
  const user = await app.deps.db.user.create({
    data: { name, email, globalRole: role, passwordHash: await hashPassword(password) },
  });
  return { userId: user.id, email, password };
}

/** What the browser would post to next-auth; resolves to the signed-in user or the error text. */
export async function trySignIn(
  app: TestApp,
  credentials: Record<string, string>,
  ip = TEST_IP,
): Promise<AuthorizedUser | string> {
  try {
    return await signInWithCredentials(app.deps, credentials, ip);
  } catch (error) {
    return (error as Error).message;
  }
}

/** The session a token issued to `user` gives on the next request (null: refused). */
export function sessionOf(app: TestApp, user: AuthorizedUser): Promise<SessionUser | null> {
  return resolveSession(app.deps.db, { sub: user.id, sv: user.sv, mfa: user.mfa });
}

/** Signs in (password, then code if asked) and returns the resolved session; throws on failure. */
export async function signedIn(app: TestApp, account: TestAccount, code?: string): Promise<SessionUser> {
  const result = await trySignIn(app, {
    email: account.email,
    password: account.password,
    ...(code ? { code } : {}),
  });
  if (typeof result === "string") throw new Error(`sign-in failed: ${result}`);
  const session = await sessionOf(app, result);
  if (!session) throw new Error("signed in, but the session is refused");
  return session;
}

/** The code an authenticator shows now, or `steps` periods later (a fresh step, never a replay). */
export function codeAt(app: TestApp, secret: string, steps = 0): Promise<string> {
  return generateTotp(secret, new Date(app.deps.clock.now().getTime() + steps * TOTP_PERIOD_SECONDS * 1000));
}

/** Enrols 2FA for a signed-in session; returns the secret, the recovery codes and the new session. */
export async function enrol(app: TestApp, session: SessionUser) {
  const { secret } = await app.as(session).account.beginTwoFactor();
  const { recoveryCodes, ticket } = await app
    .as(session)
    .account.confirmTwoFactor({ code: await codeAt(app, secret) });
  const user = await trySignIn(app, { ticket });
  if (typeof user === "string") throw new Error(`ticket refused: ${user}`);
  return { secret, recoveryCodes, session: (await sessionOf(app, user))! };
}

/**
 * For the authorization table (fabricated sessions, no real sign-in): gives `user` a fresh 2FA
 * through the API, returns its recovery codes.
 */
export async function freshTwoFactor(app: TestApp, user: SessionUser): Promise<string[]> {
  await app.deps.db.user.update({ where: { id: user.userId }, data: { ...NO_TWO_FACTOR } });
  await app.deps.db.recoveryCode.deleteMany({ where: { userId: user.userId } });
  const { secret } = await app.as(user).account.beginTwoFactor();
  const { recoveryCodes } = await app.as(user).account.confirmTwoFactor({ code: await codeAt(app, secret) });
  return recoveryCodes;
}

const NO_TWO_FACTOR = { totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, totpLastStep: null };

/** Sets `user`'s password to PASSWORD (the table's people are created without a usable one). */
export async function givePassword(app: TestApp, user: SessionUser): Promise<void> {
  await app.deps.db.user.update({
    where: { id: user.userId },
    data: { passwordHash: await hashPassword(PASSWORD) },
  });
}
