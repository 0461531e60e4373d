import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { wsClientFor } from "../helpers/ws-client";
import { attachTrpcWebSocket } from "@/server/realtime/ws-server";
import type { SessionUser } from "@/server/auth/session";
import type { EventEnvelope } from "@/server/events/bus";

process.env.NEXTAUTH_SECRET ??= "test-secret-for-realtime-tests-0123456789";

let app: TestApp;
let server: Server;
let port: number;
let realtime: { close(): void };
let fac: SessionUser, bob: SessionUser, cy: SessionUser;
let meetingId: string;

beforeAll(async () => {
  app = await createTestApp();
  server = createServer((_, res) => res.end());
  realtime = attachTrpcWebSocket(server, app.deps);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  fac = await app.user("Ana");
  bob = await app.user("Bob");
  cy = await app.user("Cy");
  ({ meetingId } = await app.as(fac).meetings.create({ title: "Live" }));
  const { meeting } = await app.as(fac).meetings.room({ meetingId });
  await app.as(bob).meetings.join({ inviteCode: meeting.inviteCode });
  await app.as(cy).meetings.join({ inviteCode: meeting.inviteCode });
});
afterAll(async () => {
  realtime?.close();
  if (server) await new Promise((r) => server.close(r));
  await app?.close();
});

/** Collects a subscription's events; `until(n)` waits for n of them. */
function collect(client: Awaited<ReturnType<typeof wsClientFor>>["client"], lastEventId: number | null) {
  const events: EventEnvelope[] = [];
  const waiters: Array<() => void> = [];
  let started!: () => void;
  const ready = new Promise<void>((r) => (started = r));
  const sub = client.meetings.events.subscribe(
    { meetingId, lastEventId },
    {
      onStarted: () => started(),
      onData: (d) => {
        events.push(d.data);
        waiters.splice(0).forEach((w) => w());
      },
    },
  );
  const until = async (n: number) => {
    const deadline = Date.now() + 5_000;
    while (events.length < n) {
      if (Date.now() > deadline) throw new Error(`got ${events.length} of ${n} events`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
    return events;
  };
  return { events, ready, until, unsubscribe: () => sub.unsubscribe() };
}

const lastSeq = async () =>
  (await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq;

describe("real-time events over WebSocket", () => {
  it("delivers the same events in the same order to two subscribers, and resumes exactly after a gap", async () => {
    const a = await wsClientFor(port, bob);
    const b = await wsClientFor(port, cy);
    const start = await lastSeq();
    const subA = collect(a.client, start);
    const subB = collect(b.client, start);
    await Promise.all([subA.ready, subB.ready]);

    await app.as(bob).tokens.request({ meetingId }); // granted (free)
    await app.as(cy).tokens.request({ meetingId }); // queued
    await subA.until(2);
    await subB.until(2);
    expect(subA.events.map((e) => e.seq)).toEqual([start + 1, start + 2]);
    expect(subB.events).toEqual(subA.events);
    expect(subA.events.map((e) => e.event.type)).toEqual(["token.granted", "token.requested"]);

    // B goes away and misses three events.
    subB.unsubscribe();
    b.close();
    const lastSeenByB = subB.events.at(-1)!.seq;
    await app.as(bob).tokens.release({ meetingId }); // released + granted to Cy = 2 events
    await app.as(fac).tokens.revoke({ meetingId }); // released = 1 event
    await subA.until(5);

    // B reconnects with its last id and gets exactly the three it missed, then live ones.
    const b2 = await wsClientFor(port, cy);
    const resumed = collect(b2.client, lastSeenByB);
    await resumed.until(3);
    expect(resumed.events.map((e) => e.seq)).toEqual([lastSeenByB + 1, lastSeenByB + 2, lastSeenByB + 3]);
    expect(resumed.events).toEqual(subA.events.slice(2));
    await app.as(bob).tokens.request({ meetingId });
    await resumed.until(4);
    await subA.until(6);
    expect(resumed.events.at(-1)).toEqual(subA.events.at(-1));

    resumed.unsubscribe();
    subA.unsubscribe();
    a.close();
    b2.close();
  });

  it("refuses a subscription without a session, or from a non-member", async () => {
    const stranger = await app.user("Stranger");
    const s = await wsClientFor(port, stranger);
    const error = await new Promise<{ data?: { code?: string } | null }>((resolve) => {
      s.client.meetings.events.subscribe({ meetingId, lastEventId: null }, { onError: (e) => resolve(e) });
    });
    expect(error.data?.code).toBe("FORBIDDEN");
    s.close();
  });

  it("shows who is online while their room is open", async () => {
    const a = await wsClientFor(port, bob);
    const sub = collect(a.client, await lastSeq());
    await sub.ready;
    await expect.poll(() => app.deps.presence.online(meetingId)).toContain(bob.userId);
    const room = await app.as(fac).meetings.room({ meetingId });
    expect(room.members.find((m) => m.userId === bob.userId)?.online).toBe(true);
    sub.unsubscribe();
    a.close();
    await expect.poll(() => app.deps.presence.online(meetingId)).not.toContain(bob.userId);
  });
});

describe.runIf(process.env.TEST_DB === "postgres")(
  "real-time across processes (PostgreSQL LISTEN/NOTIFY)",
  () => {
    it("a command served by one instance reaches a subscriber of another, who is online for both", async () => {
      const { PostgresEventBus } = await import("@/server/events/postgres-bus");
      const { Presence } = await import("@/server/realtime/presence");
      // Two instances: each with its own bus connection; the test app's commands publish on bus1.
      const bus1 = new PostgresEventBus(app.database.url);
      const bus2 = new PostgresEventBus(app.database.url);
      await Promise.all([bus1.whenReady(), bus2.whenReady()]);
      const presence1 = new Presence(bus1);
      const presence2 = new Presence(bus2);
      const deps1 = { ...app.deps, bus: bus1, presence: presence1 };
      const deps2 = { ...app.deps, bus: bus2, presence: presence2 };
      const server2 = createServer((_, res) => res.end());
      const realtime2 = attachTrpcWebSocket(server2, deps2);
      await new Promise<void>((r) => server2.listen(0, "127.0.0.1", r));
      try {
        const client = await wsClientFor((server2.address() as AddressInfo).port, cy);
        const sub = collect(client.client, await lastSeq());
        await sub.ready;
        // Connected through instance 2, so online in the room as instance 1 serves it too.
        await expect.poll(() => presence1.online(meetingId)).toContain(cy.userId);
        const { createCaller } = await import("@/server/api/root");
        const { createContextInner } = await import("@/server/api/context");
        const viaInstance1 = createCaller(createContextInner(deps1, fac));
        const room = await viaInstance1.meetings.room({ meetingId });
        if (room.holder) await viaInstance1.tokens.revoke({ meetingId });
        await viaInstance1.tokens.request({ meetingId });
        const events = await sub.until(room.holder ? 2 : 1);
        expect(events.at(-1)?.event).toMatchObject({ type: "token.granted", userId: fac.userId });
        sub.unsubscribe();
        client.close();
        await expect.poll(() => presence1.online(meetingId)).not.toContain(cy.userId);
      } finally {
        presence1.close();
        presence2.close();
        realtime2.close();
        await new Promise((r) => server2.close(r));
        await bus1.close();
        await bus2.close();
      }
    });
  },
);
