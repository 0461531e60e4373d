import { cache } from "react";
import { getServerSession, type NextAuthOptions } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDeps } from "@/server/deps";
import { signInPath } from "@/lib/auth-paths";
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
      session: ({ session, token }) => ({ ...session, claims: { sub: token.sub, sv: token.sv ?? 0 } }),
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
 */
export async function requireUser(locale: string, path: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(locale, path));
  return user;
}
