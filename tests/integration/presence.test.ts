// Presence across processes: each Presence below stands for one process; they share a bus, as
// processes share PostgreSQL's LISTEN/NOTIFY (the contract suite holds both buses to the same
// behaviour, and realtime.test.ts runs this over PostgreSQL with real connections).
import { afterEach, expect, it, vi } from "vitest";
import type { EventBus } from "../../src/server/events/bus";
import { MemoryEventBus } from "../../src/server/events/memory-bus";
import { Presence } from "../../src/server/realtime/presence";

let time = 0;
const now = () => time;
const bus = new MemoryEventBus();
const started: Presence[] = [];
const processOf = (via: EventBus = bus) => {
  const p = new Presence(via, { heartbeatMs: 1_000, now });
  started.push(p);
  return p;
};
afterEach(() => {
  for (const p of started.splice(0)) p.close();
});

it("shows people connected through another process, and tells the room when they come and go", async () => {
  const a = processOf();
  const b = processOf();
  const changed = vi.fn();
  b.watch("m1", changed);

  a.enter("m1", "ana", "tab-1");
  a.enter("m1", "ana", "tab-2");
  b.enter("m1", "bob", "tab-1");
  await vi.waitFor(() => expect(b.online("m1").sort()).toEqual(["ana", "bob"]));
  expect(a.online("m1").sort()).toEqual(["ana", "bob"]);
  expect(a.online("m2")).toEqual([]);
  expect(changed).toHaveBeenCalledTimes(2);

  a.leave("m1", "ana", "tab-1"); // still connected in another tab
  a.leave("m1", "ana", "tab-2");
  await vi.waitFor(() => expect(b.online("m1")).toEqual(["bob"]));
  expect(changed).toHaveBeenCalledTimes(3);
});

it("tells a process that starts later who is already there", async () => {
  const a = processOf();
  a.enter("m1", "ana", "tab-1");
  const late = processOf();
  await vi.waitFor(() => expect(late.online("m1")).toEqual(["ana"]));
});

it("forgets a process that stopped, at once if it says so, after three silent beats if not", async () => {
  const a = processOf();
  const b = processOf();
  // A process whose link to the others can be cut, as by a crash.
  let linked = true;
  const crashed = processOf({
    publish: (topic, message) => (linked ? bus.publish(topic, message) : Promise.resolve()),
    subscribe: (topic, listener) => bus.subscribe(topic, listener),
    close: async () => undefined,
  });
  a.enter("m1", "ana", "tab-1");
  crashed.enter("m1", "cy", "tab-1");
  await vi.waitFor(() => expect(b.online("m1").sort()).toEqual(["ana", "cy"]));

  linked = false;
  for (let beat = 1; beat <= 4; beat++) {
    time += 1_000;
    a.heartbeat();
    b.heartbeat();
  }
  expect(b.online("m1")).toEqual(["ana"]);

  a.close();
  await vi.waitFor(() => expect(b.online("m1")).toEqual([]));
});
