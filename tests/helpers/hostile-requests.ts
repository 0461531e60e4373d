// What attackers and stray neighbours put in requests, shared by the integration and e2e tests.

/**
 * Cookies whose %-escapes cannot be decoded, as other applications on the same host set them
 * (an analytics `ga=50%`) or anyone can: a broken escape in a value, at its end, in a name, in a
 * chunk of the session cookie itself.
 */
export const UNDECODABLE_COOKIES = [
  "ga=50%",
  "x=%zz",
  "pct=100%%",
  "trail=%",
  "cut=%E0%A4%A",
  "surrogate=%ED%A0%80",
  "%zz=1",
  "next-auth.session-token.9=%",
];

/** The session cookie (if any) with the broken cookie before and after it, as one header. */
export const besideBroken = (session: string | undefined, broken: string) =>
  [broken, session, broken].filter(Boolean).join("; ");

/**
 * callbackUrl values that must never take the browser off the origin nor make next-auth fail:
 * control characters before a protocol-relative URL, other origins, scripts, backslashes, and
 * their percent-encoded forms.
 */
export const HOSTILE_CALLBACK_URLS = [
  "\t//evil.example",
  "%09//evil.example",
  "\n//evil.example",
  " //evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "https://evil.example/en/meetings",
  "http://evil.example@localhost/",
  "javascript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "%2F%2Fevil.example",
  "/%2F%2Fevil.example",
  "/\u0000/evil.example",
  "http://[::1",
  "x".repeat(5000),
];
