import type { IncomingMessage } from "node:http";

/**
 * Is this WebSocket upgrade from one of our own pages? Browsers always send Origin on a
 * WebSocket handshake, and cookies go with it whatever the page: without this check any site a
 * member visits could open a live connection in their name (cross-site WebSocket hijacking).
 * Clients that are not browsers send no Origin and carry their own cookie.
 */
export function sameOriginUpgrade(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const from = new URL(origin);
    const host = req.headers["x-forwarded-host"] ?? req.headers.host;
    return typeof host === "string" && from.host === host.split(",")[0].trim();
  } catch {
    return false;
  }
}
