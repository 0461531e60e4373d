import { decode } from "next-auth/jwt";
import type { Db } from "@/server/db/client";
import type { GlobalRole } from "@/core/roles";
import { authSecret } from "./secret";

/** The signed-in user as every procedure sees them. */
export interface SessionUser {
  userId: string;
  globalRole: GlobalRole;
  name: string;
  email: string;
}

/** Claims we put in the next-auth JWT (see auth/options.ts). */
export interface SessionClaims {
  sub: string;
  sv: number;
}

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function parseCookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) jar.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return jar;
}

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
 * Checks the JWT and then the database: a disabled user, or one whose password changed since the
 * token was issued (sessionVersion bumped), gets no session.
 */
export async function resolveSession(
  db: Db,
  claims: Partial<SessionClaims> | null,
): Promise<SessionUser | null> {
  if (!claims?.sub) return null;
  const user = await db.user.findUnique({ where: { id: claims.sub } });
  if (!user || user.disabled || user.sessionVersion !== (claims.sv ?? 0)) return null;
  return {
    userId: user.id,
    globalRole: user.globalRole as GlobalRole,
    name: user.name,
    email: user.email,
  };
}

export async function sessionFromCookieHeader(
  db: Db,
  cookieHeader: string | undefined,
): Promise<SessionUser | null> {
  const token = sessionToken(parseCookies(cookieHeader));
  if (!token) return null;
  const claims = await decode({ token, secret: authSecret() }).catch(() => null);
  return resolveSession(db, claims as Partial<SessionClaims> | null);
}
