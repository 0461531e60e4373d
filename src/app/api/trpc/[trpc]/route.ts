import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/context";
import { getDeps } from "@/server/deps";
import { sessionFromCookieHeader } from "@/server/auth/session";
import { TRPC_HTTP_PATH } from "@/lib/trpc/paths";
import { CLIENT_IP_HEADER, clientIpFrom } from "@/server/auth/client-ip";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: TRPC_HTTP_PATH,
    req,
    router: appRouter,
    createContext: async () => {
      const deps = getDeps();
      return createContextInner(
        deps,
        await sessionFromCookieHeader(deps.db, req.headers.get("cookie") ?? undefined),
        undefined,
        clientIpFrom(req.headers.get(CLIENT_IP_HEADER)),
      );
    },
    // The client is told only that something went wrong (api/trpc.ts); the log keeps what.
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
