// An application without HTTP: real database, real services and routers, called through
// createCaller exactly as the HTTP and WebSocket adapters call them.
import { randomBytes } from "node:crypto";
import { createCaller } from "@/server/api/root";
import type { Deps } from "@/server/deps";
import { createContextInner } from "@/server/api/context";
import { ManualClock } from "@/server/clock";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { createRealtime } from "@/server/realtime/realtime-deps";
import type { SessionUser } from "@/server/auth/session";
import type { GlobalRole } from "@/core/roles";
import { roomPage, type RoomPage } from "@/core/room/views";
import type { RoomView } from "@/core/room/stream";
import { freshDatabase, type FreshDatabase } from "./database";
import { createSecretBox, parseKeyring, generateKeyEntry } from "@/server/security/secret-box";

export type TestRoom = RoomPage & { meeting: RoomPage["meeting"] & { inviteCode: string }; view: RoomView };

export interface TestApp {
  deps: Deps & { clock: ManualClock };
  database: FreshDatabase;
  /** Creates a user row and returns their session. */
  user(name: string, globalRole?: GlobalRole): Promise<SessionUser>;
  as(user: SessionUser | null): ReturnType<typeof createCaller>;
  /** The room page as `user` sees it: core/room/views.ts over meetings.room, as the browser derives it. */
  room(user: SessionUser, meetingId: string): Promise<TestRoom>;
  close(): Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const database = await freshDatabase();
  const bus = new MemoryEventBus();
  const clock = new ManualClock();
  const deps = {
    db: database.prisma,
    bus,
    clock,
    ...createRealtime(database.prisma, bus, clock),
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
    async room(user, meetingId) {
      const view = (await createCaller(createContextInner(deps, user)).meetings.room({
        meetingId,
      })) as RoomView;
      const page = roomPage(view.state, view.viewer, new Set(view.online));
      return { ...page, meeting: { ...page.meeting, inviteCode: view.inviteCode }, view };
    },
    async close() {
      deps.live.close();
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
    // A server-side caller throws TRPCError (code); a client over the wire, TRPCClientError (data.code).
    const error = e as { code?: string; data?: { code?: string } | null };
    return error.code ?? error.data?.code ?? String(e);
  }
}
