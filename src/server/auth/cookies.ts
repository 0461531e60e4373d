/**
 * Parses a Cookie request header into name -> value. A value whose %-escapes cannot be decoded
 * (`ga=50%`, `x=%zz`, a lone surrogate) is dropped, as if the cookie were absent: the header is
 * shared by every application on the host, so a cookie this app never set must not be able to
 * fail its requests (it used to make every tRPC call, download and WebSocket answer 500).
 */
export function parseCookieHeader(header: string | undefined | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = decodeCookieValue(part.slice(eq + 1).trim());
    if (name && value !== null) jar.set(name, value);
  }
  return jar;
}

/** A cookie value as it was set (percent-decoded), or null when its escapes are broken. */
export function decodeCookieValue(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
