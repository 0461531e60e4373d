import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import { appRouter } from "@/server/api/root";
import { createContextInner, type Deps } from "@/server/api/context";
import { sessionFromCookieHeader } from "@/server/auth/session";
import { TRPC_WS_PATH } from "@/lib/trpc/paths";
import { SESSIONS_ENDED_TOPIC, type SessionsEnded } from "@/server/services/session-revocation";
import { peerAddress } from "@/server/auth/client-ip";
import { env } from "@/env";
import { UserSockets } from "./user-sockets";

type UpgradeFallback = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Serves tRPC subscriptions over WebSocket on the HTTP server's own port. The session comes from
 * the same next-auth cookie as HTTP requests. Other upgrades (Next's HMR) go to `fallback`.
 */
export function attachTrpcWebSocket(server: Server, deps: Deps, fallback?: UpgradeFallback) {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new UserSockets();
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: async ({ req, res }) => {
      const session = await sessionFromCookieHeader(deps.db, req.headers.cookie);
      if (session) sockets.add(session.userId, res);
      return createContextInner(deps, session, undefined, peerAddress(req, env().TRUST_PROXY ?? false));
    },
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
  });
  // A disabled account, a changed password or a reset 2FA ends the live connections too: the
  // client reconnects, and the new connection's session check refuses it.
  const stopListening = deps.bus.subscribe(SESSIONS_ENDED_TOPIC, (message) =>
    sockets.closeAll((message as SessionsEnded).userId),
  );
  server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === TRPC_WS_PATH) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    } else if (fallback) {
      fallback(req, socket, head);
    } else {
      socket.destroy();
    }
  });
  return {
    close() {
      stopListening();
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
