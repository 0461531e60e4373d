import createMiddleware from "next-intl/middleware";
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "@/i18n/routing";
import { pathAccess, signInPath } from "@/lib/auth-paths";
import { authSecret } from "@/server/auth/secret";

const intl = createMiddleware(routing);

/**
 * Locale negotiation and prefixing (next-intl), plus a first, cheap gate: a protected page without
 * a valid (signed, unexpired) next-auth token goes to the sign-in page with a callbackUrl.
 * This is not the authoritative check: layouts and tRPC procedures resolve the session against
 * the database (disabled users, sessionVersion).
 */
export default async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const access = pathAccess(pathname, routing.locales);
  if (access.kind === "protected") {
    const token = await getToken({ req: request, secret: authSecret() }).catch(() => null);
    if (!token?.sub) {
      const target = new URL(signInPath(access.locale, `${pathname}${search}`), request.url);
      return NextResponse.redirect(target);
    }
  }
  return intl(request);
}

export const config = {
  // Everything except API routes (tRPC, next-auth, WebSocket), Next internals and files with an
  // extension (favicon.ico, robots.txt, images...).
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
