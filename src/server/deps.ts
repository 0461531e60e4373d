import path from "node:path";
import { env } from "@/env";
import { createPrisma, providerOf, type Db } from "@/server/db/client";
import { PostgresEventBus } from "@/server/events/postgres-bus";
import type { EventBus } from "@/server/events/bus";
import { systemClock, type Clock } from "@/server/clock";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { createRealtime } from "@/server/realtime/realtime-deps";
import type { Presence } from "@/server/realtime/presence";
import type { RoomHub } from "@/server/realtime/room-hub";
import type { SessionUser } from "@/server/auth/session";
import { createSfu, type Sfu } from "@/server/video/sfu";
import { createSecretBox, resolveKeyring, type SecretBox } from "@/server/security/secret-box";

/** What every command needs from the outside world; HTTP, WebSocket, the CLI and tests share it. */
export interface Deps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  presence: Presence;
  /** This process's live rooms: the fold of each followed meeting and its subscribers. */
  live: RoomHub;
  /** Encrypts secrets at rest (TOTP secrets, the signing key) under the configured keyring. */
  secrets: SecretBox;
  /** Janus, when JANUS_URL is set: the call's media then go through it (video/sfu.ts). */
  sfu?: Sfu | null;
}

/** What a service of a signed-in caller takes besides its input: the world, and who asks. */
export interface Caller extends Deps {
  session: SessionUser;
}

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
  const realtime = createRealtime(db, bus, systemClock);
  return {
    db,
    bus,
    clock: systemClock,
    ...realtime,
    sfu: createSfu(env(), realtime.live),
    // Without SECRETS_KEYRING a key is created once under data/ so a first run needs no setup.
    secrets: createSecretBox(resolveKeyring(env().SECRETS_KEYRING, path.join(process.cwd(), "data"))),
  };
}

export function getDeps(): Deps {
  return (holder.__orchestrasecDeps ??= createDeps());
}
