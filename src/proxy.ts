import createMiddleware from "next-intl/middleware";
import { getToken } from "next-auth/jwt";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "@/i18n/routing";
import { pathAccess, signInPath } from "@/lib/auth-paths";
import { authSecret } from "@/server/auth/secret";
import { contentSecurityPolicy, newNonce } from "@/server/security/content-security-policy";
import { authBaseUrl, guardCallbackCookies } from "@/server/auth/callback-url-guard";

const intl = createMiddleware(routing);

const DEV = process.env.NODE_ENV !== "production";

/**
 * Not pages (API routes, Next internals, public files: anything with a dot): they get the policy
 * without a nonce, and nothing else here.
 */
const NOT_A_PAGE = /^\/(api|_next|_vercel|.*\..*)/;

/**
 * Every response's Content-Security-Policy (server/security/content-security-policy.ts): pages
 * with a fresh nonce, which Next reads from the request's CSP header and gives its scripts.
 *
 * For pages, also locale negotiation and prefixing (next-intl), and a first, cheap gate: a
 * protected page without a valid (signed, unexpired) next-auth token goes to the sign-in page
 * with a callbackUrl. This is not the authoritative check: layouts and tRPC procedures resolve
 * the session against the database (disabled users, sessionVersion).
 */
export default async function proxy(request: NextRequest) {
  if (NOT_A_PAGE.test(request.nextUrl.pathname)) {
    const response = request.nextUrl.pathname.startsWith(AUTH_PATH)
      ? authRoute(request)
      : NextResponse.next();
    response.headers.set("Content-Security-Policy", contentSecurityPolicy({ dev: DEV }));
    return response;
  }
  const policy = contentSecurityPolicy({ nonce: newNonce(), dev: DEV });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = await page(new NextRequest(request, { headers }));
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

const AUTH_PATH = "/api/auth/";

/** next-auth's endpoints, with a safe callback-url cookie (auth/callback-url-guard.ts). */
function authRoute(request: NextRequest) {
  const cookie = guardCallbackCookies(request.headers.get("cookie"), authBaseUrl(request.nextUrl));
  if (cookie === null) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set("cookie", cookie);
  return NextResponse.next({ request: { headers } });
}

async function page(request: NextRequest) {
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
  // Everything but Next's own build files: pages, API routes and public files all get the policy.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
