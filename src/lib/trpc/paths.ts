// Where the tRPC endpoints live: shared by the server, the client links and tests.
export const TRPC_HTTP_PATH = "/api/trpc";
export const TRPC_WS_PATH = "/api/ws";

/**
 * The browser pings the server after this much silence and gives the connection up when no
 * answer comes in time: together, the window after which the room says "reconnecting".
 */
export const KEEP_ALIVE = { intervalMs: 4_000, pongTimeoutMs: 2_000 } as const;
