import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { liveServer, type LiveServer } from "../helpers/live-server";
import { wsClientFor } from "../helpers/ws-client";
import { follow } from "../helpers/live-client";
import type { SessionUser } from "@/server/auth/session";

let app: TestApp;
let live: LiveServer;
let port: number;
let fac: SessionUser, bob: SessionUser, cy: SessionUser;
let meetingId: string;

beforeAll(async () => {
  app = await createTestApp();
  live = await liveServer(app);
  port = live.port;
  fac = await app.user("Ana");
  bob = await app.user("Bob");
  cy = await app.user("Cy");
  ({ meetingId } = await app.as(fac).meetings.create({ title: "Live" }));
  const { meeting } = await app.room(fac, meetingId);
  await app.as(bob).meetings.join({ inviteCode: meeting.inviteCode });
  await app.as(cy).meetings.join({ inviteCode: meeting.inviteCode });
});
afterAll(async () => {
  await live?.close();
  await app?.close();
});

const lastSeq = async () =>
  (await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq;

describe("the live room over WebSocket", () => {
  it("delivers the same events in the same order to two subscribers, and resumes exactly after a gap", async () => {
    const a = await wsClientFor(port, bob);
    const b = await wsClientFor(port, cy);
    const start = await lastSeq();
    const subA = follow(a.client, meetingId, { lastEventId: start });
    const subB = follow(b.client, meetingId, { lastEventId: start });
    await Promise.all([
      subA.until((f) => f.messages.some((m) => m.t === "ready")),
      subB.until((f) => f.messages.some((m) => m.t === "ready")),
    ]);

    await app.as(bob).tokens.request({ meetingId }); // granted (free)
    await app.as(cy).tokens.request({ meetingId }); // queued
    await subA.until((f) => f.events().length === 2);
    await subB.until((f) => f.events().length === 2);
    expect(subA.events().map((e) => e.seq)).toEqual([start + 1, start + 2]);
    expect(subB.events()).toEqual(subA.events());
    expect(subA.events().map((e) => e.event.type)).toEqual(["token.granted", "token.requested"]);
    // Every message is tracked by the last event it follows, so a resume starts from there.
    expect(subA.ids.at(-1)).toBe(String(start + 2));

    // B goes away and misses three events.
    subB.stop();
    b.close();
    const lastSeenByB = subB.events().at(-1)!.seq;
    await app.as(bob).tokens.release({ meetingId }); // released + granted to Cy = 2 events
    await app.as(fac).tokens.revoke({ meetingId }); // released = 1 event
    await subA.until((f) => f.events().length === 5);

    // B reconnects with its last id and gets exactly the three it missed, then live ones.
    const b2 = await wsClientFor(port, cy);
    const resumed = follow(b2.client, meetingId, { lastEventId: lastSeenByB });
    await resumed.until((f) => f.events().length === 3 && f.messages.some((m) => m.t === "ready"));
    expect(resumed.events().map((e) => e.seq)).toEqual([lastSeenByB + 1, lastSeenByB + 2, lastSeenByB + 3]);
    expect(resumed.events()).toEqual(subA.events().slice(2));
    expect(resumed.messages.some((m) => m.t === "snapshot")).toBe(false);
    await app.as(bob).tokens.request({ meetingId });
    await resumed.until((f) => f.events().length === 4);
    await subA.until((f) => f.events().length === 6);
    expect(resumed.events().at(-1)).toEqual(subA.events().at(-1));

    resumed.stop();
    subA.stop();
    a.close();
    b2.close();
  });

  it("starts a client that has nothing with the room itself, then keeps it folded", async () => {
    const a = await wsClientFor(port, bob);
    const sub = follow(a.client, meetingId);
    await sub.until((f) => f.messages.some((m) => m.t === "ready"));
    expect(sub.messages[0].t).toBe("snapshot");
    await app.as(fac).meetings.configure({ meetingId, turnLimitSec: 120 });
    await sub.until((f) => f.view?.state.token.turnLimitSec === 120, "the turn limit");
    expect(sub.view!.state).toEqual((await app.room(bob, meetingId)).view.state);
    sub.stop();
    a.close();
  });

  it("refuses a subscription from a non-member with the matrix's own answer", async () => {
    const stranger = await app.user("Stranger");
    const s = await wsClientFor(port, stranger);
    const sub = follow(s.client, meetingId);
    await expect(sub.until(() => false, "a refusal", 5_000)).rejects.toThrow(/stream failed/);
    expect(sub.error?.data?.code).toBe("FORBIDDEN");
    s.close();
  });

  it("shows who is online while their room is open, and tells the others as it changes", async () => {
    const watcher = await wsClientFor(port, fac);
    const watching = follow(watcher.client, meetingId, { lastEventId: await lastSeq() });
    await watching.until((f) => f.messages.some((m) => m.t === "ready"));
    const a = await wsClientFor(port, bob);
    const sub = follow(a.client, meetingId, { lastEventId: await lastSeq() });
    await sub.until((f) => f.messages.some((m) => m.t === "ready"));
    await expect.poll(() => app.deps.presence.online(meetingId)).toContain(bob.userId);
    await watching.until(
      (f) => f.messages.some((m) => m.t === "presence" && m.joined.includes(bob.userId)),
      "Bob online",
    );
    const room = await app.room(fac, meetingId);
    expect(room.members.find((m) => m.userId === bob.userId)?.online).toBe(true);
    sub.stop();
    a.close();
    await expect.poll(() => app.deps.presence.online(meetingId)).not.toContain(bob.userId);
    await watching.until(
      (f) => f.messages.some((m) => m.t === "presence" && m.left.includes(bob.userId)),
      "Bob gone",
    );
    watching.stop();
    watcher.close();
  });
});

describe.runIf(process.env.TEST_DB === "postgres")(
  "the live room across processes (PostgreSQL LISTEN/NOTIFY)",
  () => {
    it("a command served by one instance reaches a subscriber of another, who is online for both", async () => {
      const { twoInstances } = await import("../helpers/instances");
      await twoInstances(app, async ({ one, two }) => {
        const client = await wsClientFor(two.port, cy);
        const sub = follow(client.client, meetingId, { lastEventId: await lastSeq() });
        await sub.until((f) => f.messages.some((m) => m.t === "ready"));
        // Connected through instance 2, so online in the room as instance 1 serves it too.
        await expect.poll(() => one.deps.presence.online(meetingId)).toContain(cy.userId);
        const viaInstance1 = one.as(fac);
        const { state } = await viaInstance1.meetings.room({ meetingId });
        if (state.token.holder) await viaInstance1.tokens.revoke({ meetingId });
        await viaInstance1.tokens.request({ meetingId });
        await sub.until((f) =>
          f.events().some((e) => e.event.type === "token.granted" && e.event.userId === fac.userId),
        );
        sub.stop();
        client.close();
        await expect.poll(() => one.deps.presence.online(meetingId)).not.toContain(cy.userId);
      });
    });
  },
);
