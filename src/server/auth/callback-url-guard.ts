import { safeRedirectUrl } from "@/lib/auth-paths";
import { decodeCookieValue } from "./cookies";

// next-auth checks the callbackUrl of the query string and of its callback-url cookie before
// anything else, and answers any request but its HTML pages with a 500 when one is not an
// http(s) URL: a stray `next-auth.callback-url` cookie (set by anything on the host) or a
// `?callbackUrl=%09//evil` made sign-in, sign-out and the session endpoint fail. next-auth gets
// those two values already made safe, as callbacks.redirect would make them: a page of this
// origin, or the landing page. The query is guarded by the route (app/api/auth), the cookie by
// the proxy (src/proxy.ts), because next-auth reads cookies from the request Next hands on.

const CALLBACK_COOKIES = new Set(["next-auth.callback-url", "__Secure-next-auth.callback-url"]);

/** The URL with a safe callbackUrl parameter, or null when it needs no change. */
export function guardCallbackParam(url: URL, baseUrl: string): URL | null {
  const param = url.searchParams.get("callbackUrl");
  if (param === null || safeRedirectUrl(param, baseUrl) === param) return null;
  const guarded = new URL(url);
  guarded.searchParams.set("callbackUrl", safeRedirectUrl(param, baseUrl));
  return guarded;
}

/** The Cookie header with safe callback-url cookies (the others as they were), or null. */
export function guardCallbackCookies(cookieHeader: string | null, baseUrl: string): string | null {
  let changed = false;
  const parts = (cookieHeader ?? "").split(";").map((part) => {
    const eq = part.indexOf("=");
    if (eq <= 0 || !CALLBACK_COOKIES.has(part.slice(0, eq).trim())) return part;
    const value = decodeCookieValue(part.slice(eq + 1).trim());
    const safe = safeRedirectUrl(value, baseUrl);
    if (safe === value) return part;
    changed = true;
    return `${part.slice(0, eq).trim()}=${encodeURIComponent(safe)}`;
  });
  return changed ? parts.join(";") : null;
}

/** The public URL next-auth works with (server.ts sets NEXTAUTH_URL), else the request's origin. */
export const authBaseUrl = (requestUrl: URL) => process.env.NEXTAUTH_URL || requestUrl.origin;
