import { env } from "@/env";
import { createPrisma, providerOf } from "@/server/db/client";
import { PostgresEventBus } from "@/server/events/postgres-bus";
import type { EventBus } from "@/server/events/bus";
import { systemClock } from "@/server/clock";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { createRealtime } from "@/server/realtime/realtime-deps";
import type { Deps } from "@/server/api/context";
import path from "node:path";
import { createSecretBox, resolveKeyring } from "@/server/security/secret-box";

// Held on globalThis: the Next bundle and the custom server load this module separately, and
// must still share one database client, one event bus and one presence registry.
const holder = globalThis as typeof globalThis & { __orchestrasecDeps?: Deps };

function createBus(): EventBus {
  const { DATABASE_URL, EVENT_BUS } = env();
  const kind = EVENT_BUS ?? (providerOf(DATABASE_URL) === "postgres" ? "postgres" : "memory");
  if (kind === "postgres" && providerOf(DATABASE_URL) !== "postgres") {
    throw new Error("EVENT_BUS=postgres needs a PostgreSQL DATABASE_URL");
  }
  return kind === "postgres" ? new PostgresEventBus(DATABASE_URL) : new MemoryEventBus();
}

function createDeps(): Deps {
  const bus = createBus();
  const db = createPrisma(env().DATABASE_URL);
  return {
    db,
    bus,
    clock: systemClock,
    ...createRealtime(db, bus, systemClock),
    // Without SECRETS_KEYRING a key is created once under data/ so a first run needs no setup.
    secrets: createSecretBox(resolveKeyring(env().SECRETS_KEYRING, path.join(process.cwd(), "data"))),
  };
}

export function getDeps(): Deps {
  return (holder.__orchestrasecDeps ??= createDeps());
}
