import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { getWSConnectionHandler } from "@trpc/server/adapters/ws";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/context";
import type { Deps } from "@/server/deps";
import { claimsFromCookieHeader, resolveSession } from "@/server/auth/session";
import { TRPC_WS_PATH } from "@/lib/trpc/paths";
import { SESSIONS_ENDED_TOPIC, type SessionsEnded } from "@/server/services/session-revocation";
import { peerAddress } from "@/server/auth/client-ip";
import { env } from "@/env";
import { LiveConnection } from "./live-connection";
import { sameOriginUpgrade } from "./upgrade-origin";

type UpgradeFallback = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Every connection is asked for a sign of life this often; one silent for two rounds is dropped. */
const SWEEP_MS = 15_000;

/**
 * Serves tRPC over WebSocket on the HTTP server's own port. The session comes from the same
 * next-auth cookie as HTTP requests, once per connection. The room's live stream is served by a
 * lean path (live-connection.ts) that writes each pre-serialised message straight to the socket;
 * everything else on the connection goes to tRPC's own handler, created only when first needed.
 * Other upgrades (Next's HMR) go to `fallback`.
 */
export function attachTrpcWebSocket(server: Server, deps: Deps, fallback?: UpgradeFallback) {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 20 });
  const connections = new Set<LiveConnection>();
  const trustProxy = env().TRUST_PROXY ?? false;

  const trpc = getWSConnectionHandler({
    wss,
    router: appRouter,
    createContext: async ({ res }) => {
      const connection = LiveConnection.of(res);
      const context = createContextInner(deps, await connection.session, connection.id, connection.clientIp);
      return { ...context, refreshSession: () => connection.sessionNow() };
    },
    // Keep-alive is the sweep's job, for every connection at once (one timer, not two per socket).
    keepAlive: { enabled: false },
    dangerouslyDisablePong: true,
  });

  wss.on("connection", (ws: WebSocket, req: IncomingMessage) => {
    const claims = claimsFromCookieHeader(req.headers.cookie).catch(() => null);
    const session = claims.then((c) => resolveSession(deps.db, c)).catch(() => null);
    // Only what tRPC's handler reads of the request is kept, not the request itself.
    const request = { url: req.url, headers: { host: req.headers.host } } as IncomingMessage;
    const connection = new LiveConnection(
      ws,
      request,
      claims,
      session,
      peerAddress(req, trustProxy),
      deps,
      trpc,
      () => connections.delete(connection),
    );
    connections.add(connection);
  });

  const sweep = setInterval(() => {
    for (const connection of connections) connection.sweep();
  }, SWEEP_MS);
  sweep.unref();

  // A disabled account, a changed password or a reset 2FA ends the live connections too: the
  // client reconnects, and the new connection's session check refuses it.
  const stopListening = deps.bus.subscribe(SESSIONS_ENDED_TOPIC, (message) => {
    const { userId } = message as SessionsEnded;
    for (const connection of connections)
      if (connection.userId === userId) connection.close(4401, "Session ended");
  });
  server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === TRPC_WS_PATH) {
      // A page of another site must not open a socket with our visitors' cookies.
      if (!sameOriginUpgrade(req)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    } else if (fallback) {
      fallback(req, socket, head);
    } else {
      socket.destroy();
    }
  });
  return {
    close() {
      clearInterval(sweep);
      stopListening();
      // Tell clients to reconnect (to another process, or this one once it is back).
      for (const client of wss.clients) {
        client.send(JSON.stringify({ id: null, method: "reconnect" }));
        client.terminate();
      }
      wss.close();
    },
  };
}
