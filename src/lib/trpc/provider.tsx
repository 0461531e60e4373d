"use client";
import { useState, type ReactNode } from "react";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  TRPCClientError,
  wsLink,
} from "@trpc/client";
import { signInPath } from "@/lib/auth-paths";
import { RESTRICTION_REFUSALS } from "@/core/accounts/session-gate";
import { refusalOf } from "@/lib/errors/refusal";
import type { AppRouter } from "@/server/api/root";
import { TRPCProvider } from "./react";
import { KEEP_ALIVE, TRPC_HTTP_PATH, TRPC_WS_PATH } from "./paths";
import { observedWebSocket } from "./liveness";

function makeClient() {
  // Server-side rendering never runs queries or subscriptions: a plain HTTP client is enough.
  if (typeof window === "undefined") {
    return createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `http://localhost${TRPC_HTTP_PATH}` })],
    });
  }
  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${TRPC_WS_PATH}`;
  // Subscriptions go over one WebSocket per tab; it reconnects and resumes by event id by itself,
  // and pings when quiet so that a dead connection shows (liveness.ts).
  const wsClient = createWSClient({
    url: wsUrl,
    WebSocket: observedWebSocket(),
    lazy: { enabled: true, closeMs: 5_000 },
    keepAlive: { enabled: true, ...KEEP_ALIVE },
  });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        // The room's commands ride the room's socket too (`context: { live: true }`): an action
        // then costs no HTTP request, and its result arrives as the event it caused.
        condition: (op) => op.type === "subscription" || op.context.live === true,
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: TRPC_HTTP_PATH }),
      }),
    ],
  });
}

/**
 * A session that ended while the page was open (account disabled, password changed elsewhere,
 * token expired): the server refuses with UNAUTHORIZED, and the page goes to the sign-in form with
 * a way back. A pending setup step (PRECONDITION_FAILED from the session gate): reload, and the
 * server sends the page to that step.
 */
export function onSessionRefused(error: unknown) {
  if (!(error instanceof TRPCClientError) || typeof window === "undefined") return;
  const code = (error.data as { code?: string } | undefined)?.code;
  const here = `${location.pathname}${location.search}`;
  if (code === "UNAUTHORIZED") {
    const locale = location.pathname.split("/")[1] || "en";
    location.assign(signInPath(locale, here));
  } else if ((Object.values(RESTRICTION_REFUSALS) as string[]).includes(refusalOf(error)?.code ?? "")) {
    location.reload();
  }
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onSessionRefused }),
        mutationCache: new MutationCache({ onError: onSessionRefused }),
        defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false } },
      }),
  );
  const [trpcClient] = useState(makeClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
