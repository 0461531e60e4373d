// The video call over the app: joining, leaving and a facilitator's mute are events of the log;
// signals (SDP, ICE) reach the one person they are addressed to, stamped with their sender by the
// server, never the log; outsiders and people outside the call are refused; the largest SDP the
// schema allows crosses the Postgres bus between two instances; the floor decides who may
// announce an open microphone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, codeOf, type TestApp } from "../../helpers/app";
import { liveServer, type LiveServer } from "../../helpers/live-server";
import { wsClientFor } from "../../helpers/ws-client";
import { follow, type Follower } from "../../helpers/live-client";
import { MAX_SDP_CHARS } from "@/lib/schemas/video";
import type { SessionUser } from "@/server/auth/session";
import type { LiveMessage } from "@/core/room/stream";

let app: TestApp;
let live: LiveServer;
let ana: SessionUser, bob: SessionUser, cy: SessionUser, outsider: SessionUser, admin: SessionUser;
let meetingId: string;
const closers: (() => void)[] = [];

const signals = (f: Follower) =>
  f.messages.filter((m): m is Extract<LiveMessage, { t: "ephemeral" }> => m.t === "ephemeral");
const logTypes = async () =>
  (await app.deps.db.auditEvent.findMany({ where: { meetingId }, orderBy: { seq: "asc" } })).map(
    (r) => r.type,
  );

async function followAs(user: SessionUser, port = live.port) {
  const ws = await wsClientFor(port, user);
  closers.push(ws.close);
  const f = follow(ws.client, meetingId);
  await f.until((x) => x.messages.some((m) => m.t === "ready"), `${user.name} ready`);
  return { f, client: ws.client };
}

/** A description of `chars` characters of SDP, as Chromium writes them (lines of a= attributes). */
const sdpOf = (chars: number) =>
  `v=0\r\n${"a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\n".repeat(chars)}`.slice(0, chars);

beforeAll(async () => {
  app = await createTestApp();
  live = await liveServer(app);
  [ana, bob, cy, outsider] = await Promise.all(["Ana", "Bob", "Cy", "Mallory"].map((n) => app.user(n)));
  admin = await app.user("Adele", "ADMIN");
  await app.as(admin).admin.setTwoFactorPolicy({ policy: "OFF" });
  ({ meetingId } = await app.as(ana).meetings.create({ title: "Video" }));
  const { meeting } = await app.room(ana, meetingId);
  for (const u of [bob, cy]) await app.as(u).meetings.join({ inviteCode: meeting.inviteCode });
});
afterAll(async () => {
  for (const close of closers) close();
  await live?.close();
  await app?.close();
});

const media = { camera: true, microphone: true };

describe("the video call", () => {
  it("logs joining, muting and leaving, once each", async () => {
    const before = (await logTypes()).length;
    await app.as(ana).video.join({ meetingId, ...media });
    await app.as(ana).video.join({ meetingId, ...media }); // a reload: no second event
    await app.as(bob).video.join({ meetingId, camera: false, microphone: true });
    await app.as(ana).video.mute({ meetingId, userId: bob.userId });
    expect(await codeOf(app.as(bob).video.mute({ meetingId, userId: ana.userId }))).toBe("FORBIDDEN");
    expect(await codeOf(app.as(ana).video.mute({ meetingId, userId: cy.userId }))).toBe(
      "PRECONDITION_FAILED",
    );
    await app.as(cy).video.join({ meetingId, ...media });
    await app.as(cy).video.leave({ meetingId });
    await app.as(cy).video.leave({ meetingId });
    expect((await logTypes()).slice(before)).toEqual([
      "video.joined",
      "video.joined",
      "video.muted",
      "video.joined",
      "video.left",
    ]);
  });

  it("passes a signal to its addressee only, sender stamped, never into the log", async () => {
    await app.as(cy).video.join({ meetingId, ...media });
    const a = await followAs(ana);
    const b = await followAs(bob);
    const c = await followAs(cy);
    const rows = (await logTypes()).length;
    const offer = {
      kind: "description" as const,
      session: "pc-1",
      type: "offer" as const,
      sdp: sdpOf(6_500),
    };
    await a.client.live.send.mutate({ meetingId, channel: "signal", to: bob.userId, body: offer });
    await b.f.until((x) => signals(x).length === 1, "Bob's offer");
    expect(signals(b.f)[0]).toEqual({
      t: "ephemeral",
      from: ana.userId,
      channel: "signal",
      to: bob.userId,
      body: offer,
    });
    // A durable event after it, so anything in flight has arrived.
    await app.as(ana).meetings.configure({ meetingId, turnLimitSec: 90 });
    for (const x of [a, c]) await x.f.until((y) => y.events().length === 1, "the configure event");
    expect(signals(c.f)).toEqual([]);
    expect(signals(a.f)).toEqual([]);
    expect((await logTypes()).length).toBe(rows + 1);
    for (const x of [a, b, c]) x.f.stop();
  });

  it("refuses outsiders, signals to nobody or outside the call, and oversized SDP", async () => {
    const candidate = {
      kind: "candidate",
      session: "pc-1",
      candidate: "candidate:1 1 udp 1 10.0.0.1 9 typ host",
      sdpMid: "0",
      sdpMLineIndex: 0,
    };
    const send = (u: SessionUser, to: string | null, body: unknown = candidate) =>
      codeOf(app.as(u).live.send({ meetingId, channel: "signal", to, body } as never));
    expect(await send(outsider, ana.userId)).toBe("FORBIDDEN");
    expect(await send(ana, null)).toBe("PRECONDITION_FAILED");
    expect(await send(ana, outsider.userId)).toBe("PRECONDITION_FAILED");
    expect(await send(ana, ana.userId)).toBe("PRECONDITION_FAILED");
    await app.as(cy).video.leave({ meetingId });
    expect(await send(cy, ana.userId)).toBe("PRECONDITION_FAILED");
    // A goodbye sent after leaving the call is refused like any other signal, never a 500.
    expect(await send(cy, ana.userId, { kind: "bye", session: "pc-1" })).toBe("PRECONDITION_FAILED");
    expect(
      await send(ana, bob.userId, {
        kind: "description",
        session: "pc-1",
        type: "offer",
        sdp: sdpOf(MAX_SDP_CHARS + 1),
      }),
    ).toBe("BAD_REQUEST");
    expect(await send(ana, bob.userId, { kind: "shout" })).toBe("BAD_REQUEST");
    expect(await send(ana, bob.userId, { ...candidate, session: "s".repeat(41) })).toBe("BAD_REQUEST");
  });

  it("lets only the holder announce an open microphone under the floor policy", async () => {
    const announce = (u: SessionUser, microphone: boolean) =>
      codeOf(
        app
          .as(u)
          .live.send({ meetingId, channel: "media", body: { microphone, camera: true, screen: false } }),
      );
    await app.as(ana).tokens.request({ meetingId });
    expect(await announce(bob, true)).toBe("PRECONDITION_FAILED");
    expect(await announce(bob, false)).toBe("OK");
    expect(await announce(ana, true)).toBe("OK");
    await app.as(ana).video.setMicPolicy({ meetingId, policy: "OPEN" });
    expect(await announce(bob, true)).toBe("OK");
    await app.as(ana).video.setMicPolicy({ meetingId, policy: "FLOOR" });
    await app.as(ana).tokens.release({ meetingId });
  });
  it("drops a person whose account is disabled from the call at once: gone for the others, their signals refused", async () => {
    const dee = await app.user("Dee");
    const { meeting } = await app.room(ana, meetingId);
    await app.as(dee).meetings.join({ inviteCode: meeting.inviteCode });
    await app.as(dee).video.join({ meetingId, ...media });
    await app.as(ana).video.join({ meetingId, ...media });
    const a = await followAs(ana);
    const d = await followAs(dee);
    const online = () => new Set(a.f.messages.flatMap((m) => (m.t === "ready" ? m.online : [])));
    const left = () => a.f.messages.flatMap((m) => (m.t === "presence" ? m.left : []));
    await a.f.until(
      () =>
        online().has(dee.userId) ||
        a.f.messages.some((m) => m.t === "presence" && m.joined.includes(dee.userId)),
      "Dee online",
    );
    await app.as(admin).admin.setDisabled({ userId: dee.userId, disabled: true });
    // Every page in the call drops the people who are not online (core meshLinks): the presence
    // "left" is what takes Dee's connections down on each of them.
    await a.f.until(() => left().includes(dee.userId), "Dee gone from Ana's room");
    const signal = {
      kind: "candidate",
      session: "pc-d",
      candidate: "candidate:1 1 udp 1 10.0.0.1 9 typ host",
      sdpMid: "0",
      sdpMLineIndex: 0,
    };
    expect(
      await codeOf(
        // Over Dee's own socket, as her page would send it (a direct caller skips the session check).
        d.client.live.send.mutate({ meetingId, channel: "signal", to: ana.userId, body: signal } as never),
      ),
    ).toBe("UNAUTHORIZED");
    a.f.stop();
    d.f.stop();
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("across two instances (PostgreSQL)", () => {
  it("the largest SDP allowed crosses the bus to the addressee on the other instance", async () => {
    const { twoInstances } = await import("../../helpers/instances");
    await twoInstances(app, async ({ one, two }) => {
      const sender = await followAs(ana, one.port);
      const receiver = await followAs(bob, two.port);
      // The longest connection id too: every byte the schema allows.
      const offer = {
        kind: "description" as const,
        session: "s".repeat(40),
        type: "offer" as const,
        sdp: sdpOf(MAX_SDP_CHARS),
      };
      await sender.client.live.send.mutate({ meetingId, channel: "signal", to: bob.userId, body: offer });
      await receiver.f.until((x) => signals(x).length === 1, "the offer on the other instance");
      expect(signals(receiver.f)[0]).toMatchObject({ from: ana.userId, to: bob.userId, body: offer });
      sender.f.stop();
      receiver.f.stop();
    });
  });
});
