import { decode } from "next-auth/jwt";
import type { Db } from "@/server/db/client";
import type { GlobalRole } from "@/core/roles";
import { RESTRICTION_REFUSALS, sessionGate, type SessionRestriction } from "@/core/accounts/session-gate";
import { refuse } from "@/core/errors";
import { DEFAULT_TWO_FACTOR_POLICY } from "@/core/accounts/two-factor-policy";
import { readTwoFactorPolicy } from "@/server/services/settings";
import { authSecret } from "./secret";
import { parseCookieHeader } from "./cookies";

/** The signed-in user as every procedure sees them. */
export interface SessionUser {
  userId: string;
  globalRole: GlobalRole;
  name: string;
  email: string;
  /** True when this session passed a second factor at sign-in. */
  mfa?: boolean;
  /**
   * Set when the account must first change its one-time password or enrol 2FA: such a session
   * may only do that (sessionProcedure); everything else refuses it (authedProcedure).
   */
  restriction?: SessionRestriction | null;
}

/** Claims we put in the next-auth JWT (see auth/options.ts). */
export interface SessionClaims {
  sub: string;
  sv: number;
  /** The second factor was passed. */
  mfa?: boolean;
}

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** next-auth splits large tokens into name.0, name.1, ...: join them back. */
function sessionToken(jar: Map<string, string>): string | null {
  for (const name of COOKIE_NAMES) {
    if (jar.has(name)) return jar.get(name)!;
    const chunks: string[] = [];
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join("");
  }
  return null;
}

/**
 * Checks the JWT and then the database (core/accounts/session-gate.ts): a disabled user, a token
 * issued before a password change or 2FA change (sessionVersion bumped), or a token that skipped
 * the account's second factor gets no session; an account that must change its password or
 * enrol 2FA gets a restricted one.
 */
export async function resolveSession(
  db: Db,
  claims: Partial<SessionClaims> | null,
): Promise<SessionUser | null> {
  if (!claims?.sub) return null;
  const user = await db.user.findUnique({ where: { id: claims.sub } });
  if (!user) return null;
  const account = {
    disabled: user.disabled,
    sessionVersion: user.sessionVersion,
    globalRole: user.globalRole as GlobalRole,
    mustChangePassword: user.mustChangePassword,
    twoFactorEnabled: user.totpEnabledAt !== null,
  };
  const mfa = claims.mfa === true;
  // The policy only matters for accounts without 2FA: spare the other requests the read.
  const policy = account.twoFactorEnabled ? DEFAULT_TWO_FACTOR_POLICY : await readTwoFactorPolicy(db);
  const gate = sessionGate({ account, claims: { sv: claims.sv ?? 0, mfa }, policy });
  if (!gate.ok) return null;
  return {
    userId: user.id,
    globalRole: account.globalRole,
    name: user.name,
    email: user.email,
    mfa,
    restriction: gate.restriction,
  };
}

/** The claims of the session cookie in a Cookie header (null: none, or not ours). */
export async function claimsFromCookieHeader(
  cookieHeader: string | undefined,
): Promise<(Partial<SessionClaims> & { exp?: number }) | null> {
  const token = sessionToken(parseCookieHeader(cookieHeader));
  if (!token) return null;
  return (await decode({ token, secret: authSecret() }).catch(() => null)) as Partial<SessionClaims> | null;
}

export async function sessionFromCookieHeader(
  db: Db,
  cookieHeader: string | undefined,
): Promise<SessionUser | null> {
  return resolveSession(db, await claimsFromCookieHeader(cookieHeader));
}

/**
 * The session those claims give now: for a long-lived connection, which read its cookie once and
 * must still refuse a token that has expired or an account that changed since.
 */
export function sessionNow(
  db: Db,
  claims: (Partial<SessionClaims> & { exp?: number }) | null,
  now: Date,
): Promise<SessionUser | null> {
  if (!claims || (claims.exp !== undefined && claims.exp * 1000 <= now.getTime()))
    return Promise.resolve(null);
  return resolveSession(db, claims);
}

/**
 * For plain route handlers (downloads): the session, unless it is restricted, the same rule as
 * tRPC's authedProcedure. Null (not signed in) is left to the permission check.
 */
export function unrestricted(session: SessionUser | null): SessionUser | null {
  if (session?.restriction) throw refuse(RESTRICTION_REFUSALS[session.restriction]);
  return session;
}
