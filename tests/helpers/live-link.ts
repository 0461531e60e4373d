import type { BrowserContext, WebSocketRoute } from "playwright-core";
import { TRPC_WS_PATH } from "@/lib/trpc/paths";

/**
 * The pages' live link (the app's WebSocket) through a switch the test can turn off: a network
 * drop as the app sees it (the socket closes, new ones reach nothing until `restore`), while the
 * media between browsers, which do not pass through the app, go on.
 */
export async function cuttableLiveLink(context: BrowserContext) {
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  let down = false;
  await context.routeWebSocket(new RegExp(`${TRPC_WS_PATH}$`), (page) => {
    // While down, a new socket opens onto nothing, as on a network that lost its route: what
    // the page sends goes nowhere, and its keep-alive finds out and tries again later.
    if (down) return;
    // Without handlers of its own, a route passes messages both ways as they are.
    open.add({ page, server: page.connectToServer() });
  });
  return {
    async cut(): Promise<void> {
      down = true;
      for (const link of open) {
        await link.server.close().catch(() => undefined);
        await link.page.close().catch(() => undefined);
      }
      open.clear();
    },
    restore(): void {
      down = false;
    },
  };
}
