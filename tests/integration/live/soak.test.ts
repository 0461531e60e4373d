// A short soak of the live room: 30 subscribers, 2,000 events. A subscription must not grow with
// the events it delivers: its signal keeps the same listeners, and the heap returns (after GC) to
// within 10% of where it started.
import { getEventListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { liveStream } from "@/server/realtime/live-stream";
import type { LiveMessage } from "@/core/room/stream";
import type { SessionUser } from "@/server/auth/session";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const SUBSCRIBERS = 30;
const EVENTS = 2_000;

let app: TestApp;
let meetingId: string;
let members: SessionUser[];

interface Sub {
  abort: AbortController;
  ready: boolean;
  received: number;
  done: Promise<void>;
}

function subscribe(user: SessionUser): Sub {
  const abort = new AbortController();
  const sub: Sub = { abort, ready: false, received: 0, done: Promise.resolve() };
  sub.done = (async () => {
    for await (const item of liveStream(app.deps, user, { meetingId, lastEventId: null }, abort.signal)) {
      const message = (item as unknown as [string, LiveMessage])[1];
      if (message.t === "ready") sub.ready = true;
      if (message.t === "event") sub.received += 1;
    }
  })();
  return sub;
}

const heapAfterGc = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

async function until(test: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  app = await createTestApp();
  const ana = await app.user("Ana");
  ({ meetingId } = await app.as(ana).meetings.create({ title: "Soak" }));
  const { meeting } = await app.room(ana, meetingId);
  members = [ana];
  for (let i = 1; i < SUBSCRIBERS; i++) {
    const u = await app.user(`Member ${i}`);
    await app.as(u).meetings.join({ inviteCode: meeting.inviteCode });
    members.push(u);
  }
  await app.as(members[1]).tokens.request({ meetingId }); // holds the floor throughout
});
afterAll(() => app.close());

describe("a live room under a steady stream of events", () => {
  it("keeps each subscription's listeners and the heap flat over 2,000 events", async () => {
    const subs = members.map(subscribe);
    await until(() => subs.every((s) => s.ready), "every subscriber to start");
    const asker = app.as(members[2]);
    let sent = 0;
    const cycle = async (events: number) => {
      for (let i = 0; i < events; i += 2) {
        await asker.tokens.request({ meetingId });
        await asker.tokens.withdraw({ meetingId });
        sent += 2;
      }
      await until(() => subs.every((s) => s.received === sent), `${sent} events at every subscriber`);
    };

    await cycle(100); // warm up: caches, prepared statements, the room's history buffer
    const listenersAtStart = subs.map((s) => getEventListeners(s.abort.signal, "abort").length);
    const heapAtStart = heapAfterGc();

    await cycle(EVENTS);
    const listenersAtEnd = subs.map((s) => getEventListeners(s.abort.signal, "abort").length);
    const heapAtEnd = heapAfterGc();

    expect(listenersAtEnd).toEqual(listenersAtStart);
    expect(listenersAtStart.every((n) => n <= 2)).toBe(true);
    expect(heapAtEnd, `heap ${heapAtStart} -> ${heapAtEnd} bytes`).toBeLessThanOrEqual(heapAtStart * 1.1);

    for (const s of subs) s.abort.abort();
    await Promise.all(subs.map((s) => s.done));
    expect(await app.deps.live.stats()).toMatchObject({ subscribers: 0 });
  }, 180_000);
});
