// An application without HTTP: real database, real services and routers, called through
// createCaller exactly as the HTTP and WebSocket adapters call them.
import { randomBytes } from "node:crypto";
import { createCaller } from "@/server/api/root";
import type { Deps } from "@/server/deps";
import { createContextInner } from "@/server/api/context";
import { ManualClock } from "@/server/clock";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { Presence } from "@/server/realtime/presence";
import type { SessionUser } from "@/server/auth/session";
import type { GlobalRole } from "@/core/roles";
import { freshDatabase, type FreshDatabase } from "./database";
import { createSecretBox, parseKeyring, generateKeyEntry } from "@/server/security/secret-box";

export interface TestApp {
  deps: Deps & { clock: ManualClock };
  database: FreshDatabase;
  /** Creates a user row and returns their session. */
  user(name: string, globalRole?: GlobalRole): Promise<SessionUser>;
  as(user: SessionUser | null): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const database = await freshDatabase();
  const bus = new MemoryEventBus();
  const deps = {
    db: database.prisma,
    bus,
    clock: new ManualClock(),
    presence: new Presence(bus),
    secrets: createSecretBox(parseKeyring(generateKeyEntry("test"))),
  };
  return {
    deps,
    database,
    async user(name, globalRole = "USER") {
      const email = `${name.toLowerCase()}-${randomBytes(3).toString("hex")}@example.test`;
      const u = await database.prisma.user.create({
        data: { name, email, passwordHash: "not-used-in-these-tests", globalRole },
      });
      return { userId: u.id, globalRole, name, email };
    },
    as: (user) => createCaller(createContextInner(deps, user)),
    async close() {
      deps.presence.close();
      await bus.close();
      await database.drop();
    },
  };
}

/** The error code a promise rejects with ("OK" when it resolves). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}
