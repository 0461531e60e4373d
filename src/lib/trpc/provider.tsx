"use client";
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { TRPCProvider } from "./react";
import { TRPC_HTTP_PATH, TRPC_WS_PATH } from "./paths";

function makeClient() {
  // Server-side rendering never runs queries or subscriptions: a plain HTTP client is enough.
  if (typeof window === "undefined") {
    return createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `http://localhost${TRPC_HTTP_PATH}` })],
    });
  }
  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${TRPC_WS_PATH}`;
  // Subscriptions go over one WebSocket per tab; it reconnects and resumes by event id by itself.
  const wsClient = createWSClient({ url: wsUrl, lazy: { enabled: true, closeMs: 5_000 } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: TRPC_HTTP_PATH }),
      }),
    ],
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
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
