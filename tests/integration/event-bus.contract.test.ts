// One contract, every EventBus implementation.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { EventBus } from "@/server/events/bus";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { PostgresEventBus } from "@/server/events/postgres-bus";
import { testProvider } from "../helpers/database";

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5433/postgres";

const implementations: Array<[string, () => Promise<EventBus[]>]> = [
  ["memory", async () => [new MemoryEventBus()]],
];
if (testProvider() === "postgres") {
  // Two buses = two processes sharing one database.
  implementations.push([
    "postgres",
    async () => {
      const buses = [new PostgresEventBus(POSTGRES_URL), new PostgresEventBus(POSTGRES_URL)];
      await Promise.all(buses.map((b) => b.whenReady()));
      return buses;
    },
  ]);
}

let open: EventBus[] = [];
afterEach(async () => {
  await Promise.all(open.map((b) => b.close()));
  open = [];
});

const received = (bus: EventBus, topic: string) => {
  const got: unknown[] = [];
  const off = bus.subscribe(topic, (m) => got.push(m));
  return { got, off };
};

describe.each(implementations)("EventBus contract: %s", (_name, create) => {
  it("delivers to every subscriber of a topic, in publish order, and only of that topic", async () => {
    open = await create();
    const [first, second = first] = open;
    const a = received(first, "events:m1");
    const b = received(second, "events:m1");
    const other = received(second, "events:m2");
    for (let seq = 1; seq <= 20; seq++) await first.publish("events:m1", { seq });
    const expected = Array.from({ length: 20 }, (_, i) => ({ seq: i + 1 }));
    await expect.poll(() => a.got).toEqual(expected);
    await expect.poll(() => b.got).toEqual(expected);
    expect(other.got).toEqual([]);
  });

  it("stops delivering after unsubscribe", async () => {
    open = await create();
    const [bus, peer = bus] = open;
    const a = received(peer, "presence:m1");
    await bus.publish("presence:m1", { online: ["u1"] });
    await expect.poll(() => a.got.length).toBe(1);
    a.off();
    // Delivery may be asynchronous: a marker published afterwards shows the bus has caught up.
    const marker = received(peer, "presence:m1");
    await bus.publish("presence:m1", { online: [] });
    await expect.poll(() => marker.got).toEqual([{ online: [] }]);
    expect(a.got).toEqual([{ online: ["u1"] }]);
  });

  it("carries JSON values unchanged", async () => {
    open = await create();
    const [bus, peer = bus] = open;
    const a = received(peer, "t");
    const message = {
      seq: 3,
      at: "2026-01-01T00:00:00.000Z",
      event: { type: "token.granted", userId: "u", reason: "free" },
      actorId: null,
    };
    await bus.publish("t", message);
    await expect.poll(() => a.got).toEqual([message]);
  });
});

describe.runIf(testProvider() === "postgres")(
  "PostgresEventBus when the server drops its connections",
  () => {
    it("keeps the process up, listens again and publishes again (a restart, a failover)", async () => {
      const name = `bus-drop-${process.pid}-${Date.now()}`;
      const url = new URL(POSTGRES_URL);
      url.searchParams.set("application_name", name);
      const bus = new PostgresEventBus(url.toString());
      open = [bus];
      await bus.whenReady();
      const { got } = received(bus, "t");
      await bus.publish("t", 1);
      await expect.poll(() => got).toEqual([1]);
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
        [name],
      );
      await admin.end();
      expect(rowCount).toBe(2); // the LISTEN connection and the publisher's idle one
      // An unhandled 'error' of either connection would have ended the process here; then the
      // listener comes back and a message goes round again.
      await expect
        .poll(
          async () => {
            await bus.publish("t", 2).catch(() => undefined);
            return got.includes(2);
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(true);
    });
  },
);
