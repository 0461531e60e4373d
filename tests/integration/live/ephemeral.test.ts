// Ephemeral messages beside the log, and a stream that follows membership: a pointer reaches the
// meeting's other members (or the one person it is addressed to) and nobody else, never enters
// the log, is refused to outsiders, malformed or too fast; whoever leaves stops receiving events
// and ephemeral messages at once. On Postgres, the same across two instances.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, codeOf, type TestApp } from "../../helpers/app";
import { liveServer, type LiveServer } from "../../helpers/live-server";
import { wsClientFor } from "../../helpers/ws-client";
import { follow, type Follower } from "../../helpers/live-client";
import { EPHEMERAL_BURST } from "@/core/room/ephemeral";
import type { SessionUser } from "@/server/auth/session";
import type { LiveMessage } from "@/core/room/stream";

let app: TestApp;
let live: LiveServer;
let port: number;
let ana: SessionUser, bob: SessionUser, cy: SessionUser, olga: SessionUser, adele: SessionUser;
let outsider: SessionUser;
let meetingId: string;
const closers: (() => void)[] = [];

const ephemeral = (f: Follower) =>
  f.messages.filter((m): m is Extract<LiveMessage, { t: "ephemeral" }> => m.t === "ephemeral");
const auditRows = () => app.deps.db.auditEvent.count({ where: { meetingId } });

async function followAs(user: SessionUser, onPort = port) {
  const ws = await wsClientFor(onPort, user);
  closers.push(ws.close);
  const f = follow(ws.client, meetingId);
  await f.until((x) => x.messages.some((m) => m.t === "ready"), `${user.name} ready`);
  return { f, client: ws.client };
}

beforeAll(async () => {
  app = await createTestApp();
  live = await liveServer(app);
  port = live.port;
  [ana, bob, cy, olga, outsider] = await Promise.all(
    ["Ana", "Bob", "Cy", "Olga", "Mallory"].map((n) => app.user(n)),
  );
  adele = await app.user("Adele", "ADMIN");
  await app.as(adele).admin.setTwoFactorPolicy({ policy: "OFF" });
  ({ meetingId } = await app.as(ana).meetings.create({ title: "Pointers" }));
  const { meeting } = await app.room(ana, meetingId);
  for (const u of [bob, cy, olga]) await app.as(u).meetings.join({ inviteCode: meeting.inviteCode });
  await app.as(ana).meetings.setRole({ meetingId, userId: olga.userId, role: "OBSERVER" });
});
afterAll(async () => {
  for (const close of closers) close();
  await live?.close();
  await app?.close();
});

describe("ephemeral messages and a stream that follows membership", () => {
  it("a pointer reaches the other members only, and never the log", async () => {
    const a = await followAs(ana);
    const b = await followAs(bob);
    const c = await followAs(cy);
    const o = await followAs(olga);
    const admin = await followAs(adele);
    const rows = await auditRows();

    await a.client.live.send.mutate({ meetingId, channel: "pointer", body: { x: 800, y: 450 } });
    for (const [name, f] of [
      ["Bob", b.f],
      ["Cy", c.f],
      ["Olga", o.f],
    ] as const) {
      await f.until((x) => ephemeral(x).length === 1, `${name}'s pointer message`);
      expect(ephemeral(f)[0]).toEqual({
        t: "ephemeral",
        from: ana.userId,
        channel: "pointer",
        to: null,
        body: { x: 800, y: 450 },
      });
    }

    // Addressed to one person: only Cy gets it.
    await b.client.live.send.mutate({ meetingId, channel: "pointer", to: cy.userId, body: { x: 1, y: 2 } });
    await c.f.until((x) => ephemeral(x).length === 2, "Cy's second message");
    // A durable event after both, so that anything still in flight has arrived.
    await app.as(ana).meetings.configure({ meetingId, turnLimitSec: 90 });
    for (const f of [a.f, b.f, o.f, admin.f])
      await f.until((x) => x.events().length === 1, "the configure event");
    expect(ephemeral(a.f)).toEqual([]); // not echoed to its sender
    expect(ephemeral(b.f)).toHaveLength(1);
    expect(ephemeral(o.f)).toHaveLength(1);
    expect(ephemeral(admin.f)).toEqual([]); // an admin following from outside the meeting: the log only
    expect(await auditRows()).toBe(rows + 1); // the configure, nothing else
    for (const x of [a, b, c, o, admin]) x.f.stop();
  });

  it("refuses outsiders, malformed bodies and floods, with clear codes", async () => {
    const ws = await wsClientFor(port, outsider);
    closers.push(ws.close);
    expect(
      await codeOf(ws.client.live.send.mutate({ meetingId, channel: "pointer", body: { x: 1, y: 1 } })),
    ).toBe("FORBIDDEN");
    const send = (input: unknown) => app.as(bob).live.send(input as never);
    expect(await codeOf(send({ meetingId, channel: "pointer", body: { x: Number.NaN, y: 1 } }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(send({ meetingId, channel: "pointer", body: { x: 5000, y: 1 } }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(send({ meetingId, channel: "pointer", body: { x: 1.5, y: 1 } }))).toBe("BAD_REQUEST");
    expect(await codeOf(send({ meetingId, channel: "pointer", body: { x: 1, y: 1, extra: 1 } }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(send({ meetingId, channel: "shout", body: "hi" }))).toBe("BAD_REQUEST");
    expect(await codeOf(send({ meetingId: "m_nope", channel: "pointer", body: { x: 1, y: 1 } }))).toBe(
      "NOT_FOUND",
    );
    // A burst beyond the bucket (the clock stands still): the next one is refused.
    for (let i = 0; i < EPHEMERAL_BURST; i++) {
      await app.as(cy).live.send({ meetingId, channel: "pointer", body: { x: i, y: 0 } });
    }
    expect(await codeOf(app.as(cy).live.send({ meetingId, channel: "pointer", body: { x: 0, y: 0 } }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    app.deps.clock.advance(1_000);
    expect(await codeOf(app.as(cy).live.send({ meetingId, channel: "pointer", body: { x: 0, y: 0 } }))).toBe(
      "OK",
    );
  });

  it("a member who leaves stops receiving events and ephemeral messages at once", async () => {
    const a = await followAs(ana);
    const c = await followAs(cy);
    await app.as(cy).meetings.leave({ meetingId });
    await c.f.until((x) => x.completed && x.messages.at(-1)?.t === "ended", "Cy's stream to end");
    const seen = c.f.messages.length;
    await a.client.live.send.mutate({ meetingId, channel: "pointer", body: { x: 3, y: 3 } });
    await app.as(ana).tokens.request({ meetingId });
    await a.f.until((x) => x.events().some((e) => e.event.type === "token.granted"));
    await new Promise((r) => setTimeout(r, 100));
    expect(c.f.messages.length).toBe(seen);
    // Coming back means a new subscription, refused while not a member.
    const again = await wsClientFor(port, cy);
    closers.push(again.close);
    const refused = follow(again.client, meetingId);
    await expect(refused.until(() => false, "a refusal", 5_000)).rejects.toThrow(/stream failed/);
    expect(refused.error?.data?.code).toBe("FORBIDDEN");
    a.f.stop();
  });
});

describe("a disabled account", () => {
  it("stops receiving the room at once, and cannot follow it again", async () => {
    const dee = await app.user("Dee");
    const { meeting } = await app.room(ana, meetingId);
    await app.as(dee).meetings.join({ inviteCode: meeting.inviteCode });
    const a = await followAs(ana);
    const d = await followAs(dee);
    await app.as(adele).admin.setDisabled({ userId: dee.userId, disabled: true });
    // Its socket is closed; the client reconnects and the session is refused.
    await expect(d.f.until(() => false, "a refusal", 10_000)).rejects.toThrow(/stream failed/);
    expect(d.f.error?.data?.code).toBe("UNAUTHORIZED");
    const seen = d.f.messages.length;
    await app.as(ana).meetings.configure({ meetingId, turnLimitSec: 240 });
    await a.f.until((x) => x.events().some((e) => e.event.type === "meeting.configured"));
    await new Promise((r) => setTimeout(r, 300));
    expect(d.f.messages.length).toBe(seen);
    expect(d.f.events().some((e) => e.event.type === "meeting.configured")).toBe(false);
    a.f.stop();
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("across two instances (PostgreSQL)", () => {
  it("an ephemeral message and a departure cross from one instance to the other", async () => {
    const { twoInstances } = await import("../../helpers/instances");
    await twoInstances(app, async ({ one, two }) => {
      const sender = await followAs(bob, one.port);
      const receiver = await followAs(olga, two.port);
      await sender.client.live.send.mutate({ meetingId, channel: "pointer", body: { x: 12, y: 34 } });
      await receiver.f.until((x) => ephemeral(x).length === 1, "the pointer on the other instance");
      expect(ephemeral(receiver.f)[0]).toMatchObject({ from: bob.userId, body: { x: 12, y: 34 } });
      // Olga leaves through instance 1: her stream on instance 2 ends.
      await one.as(olga).meetings.leave({ meetingId });
      await receiver.f.until((x) => x.completed, "Olga's stream on instance 2 to end");
      const seen = receiver.f.messages.length;
      await sender.client.live.send.mutate({ meetingId, channel: "pointer", body: { x: 1, y: 1 } });
      await one.as(ana).meetings.configure({ meetingId, turnLimitSec: 120 });
      await sender.f.until((x) => x.events().some((e) => e.event.type === "meeting.configured"));
      expect(receiver.f.messages.length).toBe(seen);
      sender.f.stop();
    });
  });
});
