// The app's WebSocket server (tRPC and the live room) on a free port, over a test app's deps.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { attachTrpcWebSocket } from "@/server/realtime/ws-server";
import type { TestApp } from "./app";

process.env.NEXTAUTH_SECRET ??= "test-secret-for-live-servers-0123456789";

export interface LiveServer {
  port: number;
  close(): Promise<void>;
}

export async function liveServer(app: TestApp): Promise<LiveServer> {
  const server = createServer((_, res) => res.end());
  const realtime = attachTrpcWebSocket(server, app.deps);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      realtime.close();
      await new Promise((r) => server.close(r));
    },
  };
}
