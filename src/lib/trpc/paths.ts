// Where the tRPC endpoints live: shared by the server, the client links and tests.
export const TRPC_HTTP_PATH = "/api/trpc";
export const TRPC_WS_PATH = "/api/ws";
