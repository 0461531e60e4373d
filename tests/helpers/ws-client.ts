// A Node tRPC client that talks to a real server over WebSocket with a real session cookie.
import WebSocket from "ws";
import { encode } from "next-auth/jwt";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { authSecret } from "@/server/auth/secret";
import type { SessionUser } from "@/server/auth/session";
import { TRPC_WS_PATH } from "@/lib/trpc/paths";

async function sessionCookie(user: SessionUser): Promise<string> {
  const token = await encode({ token: { sub: user.userId, sv: 0 }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}

export async function wsClientFor(port: number, user: SessionUser) {
  return wsClientWithCookie(port, await sessionCookie(user));
}

/** A client sending exactly this Cookie header (none when undefined) on its upgrade request. */
export function wsClientWithCookie(port: number, cookie: string | undefined) {
  // Node 20 has no global WebSocket; `ws` also lets us send the cookie header.
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie === undefined ? {} : { cookie } });
    }
  }
  const wsClient = createWSClient({
    url: `ws://127.0.0.1:${port}${TRPC_WS_PATH}`,
    WebSocket: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 50,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return { client, close: () => wsClient.close() };
}
