import { cache } from "react";
import { getServerSession, type NextAuthOptions } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDeps } from "@/server/deps";
import { setupPath, signInPath } from "@/lib/auth-paths";
import type { SessionRestriction } from "@/core/accounts/session-gate";
import { authOptions } from "./options";
import { resolveSession, type SessionClaims, type SessionUser } from "./session";

/**
 * The same options, except that the session object carries the raw claims. Only used here, on
 * the server: the browser's session (authOptions' own callback) never sees sessionVersion.
 * Built per call: spreading authOptions reads its `secret` getter, which must not run at import.
 */
function claimsOptions(): NextAuthOptions {
  return {
    ...authOptions,
    callbacks: {
      ...authOptions.callbacks,
      session: ({ session, token }) => ({
        ...session,
        claims: { sub: token.sub, sv: token.sv ?? 0, mfa: token.mfa === true },
      }),
    },
  };
}

/**
 * The signed-in user for Server Components, checked against the database (a disabled user, or a
 * token issued before a password change, gets null). Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // Request-time only: at build time this stops prerendering here, before any secret is read.
  await connection();
  const session = (await getServerSession(claimsOptions())) as { claims?: Partial<SessionClaims> } | null;
  if (!session?.claims?.sub) return null;
  return resolveSession(getDeps().db, session.claims);
});

/**
 * For protected pages: the signed-in user, or a redirect to `/<locale>/sign-in?callbackUrl=<path>`.
 * `path` is the page's own path (e.g. `/en/meetings/abc`), so the user comes back to it.
 * A restricted session (one-time password to change, 2FA to enrol) is sent to the page that
 * completes the step, unless this is that page (`allow`).
 */
export async function requireUser(
  locale: string,
  path: string,
  options: { allow?: SessionRestriction } = {},
): Promise<SessionUser> {
  const user = await getCurrentUser();
  // Callers pass "/meetings" or "/en/meetings": the way back must carry the locale.
  const back = path.startsWith(`/${locale}/`) ? path : `/${locale}${path}`;
  if (!user) redirect(signInPath(locale, back));
  if (user.restriction && user.restriction !== options.allow) {
    redirect(setupPath(locale, user.restriction, back));
  }
  return user;
}
