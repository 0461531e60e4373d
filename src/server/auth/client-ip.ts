import type { IncomingMessage } from "node:http";

/**
 * The client address that sign-in limits are keyed by. The custom server (server.ts) decides it
 * once per request from the TCP connection and writes it into CLIENT_IP_HEADER, overwriting
 * whatever a client sent under that name; route handlers and next-auth (which see no socket) read
 * it back. Behind a reverse proxy set TRUST_PROXY=1: the address is then the last entry of
 * X-Forwarded-For, the one the proxy itself appended.
 */
export const CLIENT_IP_HEADER = "x-orchestrasec-client-ip";

export function peerAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",");
    const last = list
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

export function stampClientIp(req: IncomingMessage, trustProxy: boolean): void {
  req.headers[CLIENT_IP_HEADER] = peerAddress(req, trustProxy);
}

/** The stamped address; "unknown" when the app runs without server.ts (all such share one key). */
export function clientIpFrom(value: string | string[] | null | undefined): string {
  const ip = Array.isArray(value) ? value[0] : value;
  return ip?.trim() || "unknown";
}
