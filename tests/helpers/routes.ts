// Calls the app's plain HTTP route handlers (downloads, the public key) in-process, against a
// test app's dependencies, with a real next-auth session cookie.
import { encode } from "next-auth/jwt";
import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import type { TestApp } from "./app";

// Before anything reads the environment: sessions are signed with this secret.
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

/** The route handlers take their dependencies from getDeps(): point it at the test app's. */
export function serveWith(deps: Deps): void {
  (globalThis as { __orchestrasecDeps?: Deps }).__orchestrasecDeps = deps;
}

/** A session cookie as next-auth issues it after sign-in (second factor passed, where one is set). */
export async function cookieOf(user: SessionUser | null): Promise<string | undefined> {
  if (!user) return undefined;
  const claims = { sub: user.userId, sv: 0, mfa: true };
  const token = await encode({ token: claims, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

/**
 * An Auditor or Admin as the app requires them by default: with two-factor authentication on
 * (the session gate restricts privileged accounts without it).
 */
export async function staffUser(app: TestApp, name: string, role: "AUDITOR" | "ADMIN"): Promise<SessionUser> {
  const user = await app.user(name, role);
  await app.deps.db.user.update({
    where: { id: user.userId },
    data: { totpEnabledAt: app.deps.clock.now() },
  });
  return user;
}

export async function getRecord(
  meetingId: string,
  query: string,
  user: SessionUser | null,
): Promise<Response> {
  const { GET } = await import("@/app/api/meetings/[meetingId]/record/route");
  const cookie = await cookieOf(user);
  const request = new Request(`http://localhost:3000/api/meetings/${meetingId}/record?${query}`, {
    headers: cookie ? { cookie } : {},
  });
  return GET(request, { params: Promise.resolve({ meetingId }) });
}

export async function getSigningKey(query = ""): Promise<Response> {
  const { GET } = await import("@/app/.well-known/orchestrasec-signing-key/route");
  return GET(new Request(`http://localhost:3000/.well-known/orchestrasec-signing-key${query}`));
}
