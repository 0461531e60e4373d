// Pure path rules shared by the proxy, server layouts and the sign-in/up forms (no I/O, no Next).

const PUBLIC_PAGES = ["", "sign-in", "sign-up"] as const;

type PathAccess =
  /** Not under a known locale: next-intl adds the prefix first, the next request is decided then. */
  { kind: "unlocalized" } | { kind: "public"; locale: string } | { kind: "protected"; locale: string };

/**
 * Public pages: `/<locale>` (landing), `/<locale>/sign-in`, `/<locale>/sign-up` (a trailing slash
 * allowed). Everything else under `/<locale>/` needs a session.
 */
export function pathAccess(pathname: string, locales: readonly string[]): PathAccess {
  const segments = pathname.split("/");
  // "/en/x" -> ["", "en", "x"]
  const locale = segments[1] ?? "";
  if (segments[0] !== "" || !locales.includes(locale)) return { kind: "unlocalized" };
  const rest = segments.slice(2);
  if (rest.length > 0 && rest[rest.length - 1] === "") rest.pop(); // trailing slash
  if (rest.length === 0) return { kind: "public", locale };
  if (rest.length === 1 && (PUBLIC_PAGES as readonly string[]).includes(rest[0]))
    return { kind: "public", locale };
  return { kind: "protected", locale };
}

/** Where a signed-in user lands by default. */
export function homePath(locale: string): string {
  return `/${locale}/meetings`;
}

/** The pages that complete a restricted session's pending step (core/accounts/session-gate.ts). */
const SETUP_PAGES = {
  PASSWORD_CHANGE: "account/password",
  TWO_FACTOR_ENROLMENT: "account/security",
} as const;

/** `/<locale>/account/...?callbackUrl=<path>`: the step to complete, then back to the page asked for. */
export function setupPath(
  locale: string,
  restriction: keyof typeof SETUP_PAGES,
  callbackUrl?: string | null,
): string {
  const page = `/${locale}/${SETUP_PAGES[restriction]}`;
  const safe = safeRelativePath(callbackUrl);
  return safe && safe !== page ? `${page}?callbackUrl=${encodeURIComponent(safe)}` : page;
}

/** `/<locale>/sign-in?callbackUrl=<path>`; the callback is dropped when it is not a safe path. */
export function signInPath(locale: string, callbackUrl?: string | null): string {
  const safe = safeRelativePath(callbackUrl);
  return safe ? `/${locale}/sign-in?callbackUrl=${encodeURIComponent(safe)}` : `/${locale}/sign-in`;
}

const BASE = "http://orchestrasec.invalid";

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Returns the value when it is a same-origin relative path ("/en/meetings?x=1#y"), otherwise null.
 * Rejects absolute URLs, protocol-relative ("//evil.com") and backslash tricks ("/\\evil.com"),
 * control characters, and anything the URL parser would move to another origin.
 */
export function safeRelativePath(raw: string | null | undefined): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  if (!raw.startsWith("/") || raw.startsWith("//")) return null;
  // Browsers treat "\" as "/" in URLs, and strip tabs/newlines: refuse both outright.
  if (raw.includes("\\") || hasControlCharacter(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The page next-auth sends the browser to when the callback it was given is not acceptable. */
const DEFAULT_REDIRECT_PATH = "/";

/**
 * next-auth's `callbacks.redirect` (after sign-in and sign-out, from a `callbackUrl` parameter or
 * cookie, both under the client's control): the URL when it is a path of this origin, given as a
 * path or as an absolute URL on `baseUrl`'s origin; otherwise the default page. Never throws
 * (next-auth's own default answered 500 to a leading tab) and never leaves the origin.
 */
export function safeRedirectUrl(url: unknown, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  const path = typeof url === "string" ? (safeRelativePath(url) ?? sameOriginPath(url, origin)) : null;
  return `${origin}${path ?? DEFAULT_REDIRECT_PATH}`;
}

/** The path of an absolute URL on `origin`, when it is a safe one; null for anything else. */
function sameOriginPath(url: string, origin: string): string | null {
  // The URL parser strips tabs and newlines and reads "\\" as "/": refuse them before it does.
  if (url.includes("\\") || hasControlCharacter(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== origin || parsed.username || parsed.password) return null;
  return safeRelativePath(`${parsed.pathname}${parsed.search}${parsed.hash}`);
}

/**
 * Where to go after signing in or up: a safe callback path, except back to the sign-in or
 * sign-up pages themselves (or the landing page, which would only redirect again); otherwise the
 * user's meetings.
 */
export function afterSignInPath(
  callbackUrl: string | null | undefined,
  locale: string,
  locales: readonly string[],
): string {
  const safe = safeRelativePath(callbackUrl);
  if (safe) {
    const access = pathAccess(new URL(safe, BASE).pathname, locales);
    if (access.kind === "protected") return safe;
  }
  return homePath(locale);
}

/**
 * Where to go once a pending setup step (password change, 2FA enrolment) is done: the page the
 * user was on its way to, or home. Never a setup page again (it would only redirect on).
 */
export function continuePath(
  callbackUrl: string | null | undefined,
  locale: string,
  locales: readonly string[],
) {
  const target = afterSignInPath(callbackUrl, locale, locales);
  const setup = Object.values(SETUP_PAGES).map((p) => `/${locale}/${p}`);
  return setup.some((p) => target.split(/[?#]/)[0] === p) ? homePath(locale) : target;
}
