import { existsSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";
import { env, publicUrl } from "@/env";
import { migrate } from "@/server/db/migrate";
import { getDeps } from "@/server/deps";
import { attachTrpcWebSocket } from "@/server/realtime/ws-server";
import { authSecret } from "@/server/auth/secret";
import { ensureAdmin } from "@/server/auth/bootstrap";
import { currentSigningKey } from "@/server/security/signing-key";
import { stampClientIp } from "@/server/auth/client-ip";
import { expireTurns } from "@/server/services/tokens";

// One process: Next pages and API over HTTP, tRPC subscriptions over a WebSocket on the same port.

async function main() {
  // Settings from .env, when present (the environment itself wins).
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = env();
  const dev = config.NODE_ENV !== "production";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // next-auth reads it from the environment: give it the real port when it is not configured.
  const url = publicUrl(config);
  process.env.NEXTAUTH_URL = url;

  await migrate(config.DATABASE_URL);
  authSecret();
  const deps = getDeps();
  await ensureAdmin(deps, config);
  // The key that signs exported records: created now if there is none (sealed under the keyring).
  await currentSigningKey(deps);

  const app = next({ dev, hostname: "localhost", port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();

  const trustProxy = config.TRUST_PROXY ?? false;
  const server = createServer((req, res) => {
    // Decided here, where the socket is known; nothing a client sends can set it.
    stampClientIp(req, trustProxy);
    void handle(req, res);
  });
  const realtime = attachTrpcWebSocket(
    server,
    deps,
    (req, socket, head) => void upgradeNext(req, socket, head),
  );

  // Turn limits: end overdue turns about once a second.
  const ticker = setInterval(() => {
    expireTurns(deps).catch((error) => console.error("turn expiry failed", error));
  }, 1_000);

  server.listen(config.PORT, config.HOST, () => {
    console.log(`OrchestraSec ready on ${url} (${dev ? "development" : "production"})`);
  });

  const shutdown = () => {
    clearInterval(ticker);
    realtime.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
