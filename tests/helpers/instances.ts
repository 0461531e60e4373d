// Two app processes sharing one PostgreSQL database, as a deployment with several instances
// has them: each with its own LISTEN/NOTIFY bus, presence, live rooms and WebSocket server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/context";
import type { Deps } from "@/server/deps";
import { PostgresEventBus } from "@/server/events/postgres-bus";
import { createRealtime } from "@/server/realtime/realtime-deps";
import { attachTrpcWebSocket } from "@/server/realtime/ws-server";
import type { SessionUser } from "@/server/auth/session";
import type { TestApp } from "./app";

export interface Instance {
  deps: Deps;
  /** Its WebSocket server's port. */
  port: number;
  as(user: SessionUser | null): ReturnType<typeof createCaller>;
}

/** Runs `body` with two instances on the test app's database, then stops them. */
export async function twoInstances(
  app: TestApp,
  body: (instances: { one: Instance; two: Instance }) => Promise<void>,
): Promise<void> {
  const started: { stop(): Promise<void> }[] = [];
  const start = async (): Promise<Instance> => {
    const bus = new PostgresEventBus(app.database.url);
    await bus.whenReady();
    const deps: Deps = { ...app.deps, bus, ...createRealtime(app.deps.db, bus, app.deps.clock) };
    const server = createServer((_, res) => res.end());
    const ws = attachTrpcWebSocket(server, deps);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    started.push({
      async stop() {
        ws.close();
        deps.live.close();
        deps.presence.close();
        await new Promise((r) => server.close(r));
        await bus.close();
      },
    });
    return {
      deps,
      port: (server.address() as AddressInfo).port,
      as: (user) => createCaller(createContextInner(deps, user)),
    };
  };
  try {
    await body({ one: await start(), two: await start() });
  } finally {
    for (const s of started) await s.stop();
  }
}
