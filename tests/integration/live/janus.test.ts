// Video through a real Janus (started for this file in a network namespace of its own): the app
// creates the meeting's room when the first camera is published, Chromium pages publish fake
// media and receive each other through it (their SDP via the app's procedures, never Janus's
// API), the receiver gets a thumbnail's bitrate and then the featured one while the sender holds
// the floor, leaving the call ends the publisher in Janus, a restarted Janus gets its room back
// at the next camera, and closing the meeting destroys the room. Skipped, saying why, only where
// Janus cannot run (no `janus` binary, not root).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestApp, codeOf, type TestApp } from "../../helpers/app";
import { janusUnavailable, startJanus, type RunningJanus } from "../../helpers/janus";
import { fakeMediaPage, framesDecoded } from "../../helpers/fake-media";
import { advanceTo } from "../../helpers/governance";
import { JanusRooms } from "@/server/video/janus-rooms";
import { JanusSession } from "@/server/video/janus-session";
import { EphemeralLimiter } from "@/server/realtime/ephemeral-limiter";
import { bitrateOf } from "@/core/video/sfu";
import type { SessionUser } from "@/server/auth/session";

/** Above the thumbnail's 150 kbit/s cap (with its audio-free margin), below the featured 1.2 Mbit/s. */
const LOW_CEILING_KBPS = 250;
const HIGH_FLOOR_KBPS = 450;

const why = janusUnavailable();
if (why) console.warn(`Skipping the Janus integration test: ${why}`);

let janus: RunningJanus;
let app: TestApp;
let rooms: JanusRooms;
let ana: SessionUser, bob: SessionUser, mallory: SessionUser;
let meetingId: string;
const browsers: Browser[] = [];

/** A page on a made-up localhost origin (a secure context for getUserMedia, no server behind it). */
async function mediaPage(name: string, colour: [number, number, number]): Promise<Page> {
  const { browser, page } = await fakeMediaPage(name, colour, {
    locale: "en",
    camera: { width: 640, height: 360, grain: 40 },
  });
  browsers.push(browser);
  await page.route("http://localhost/", (r) =>
    r.fulfill({ contentType: "text/html", body: "<title>m</title>" }),
  );
  await page.goto("http://localhost/");
  return page;
}

// The browser's half, as a page runs it: offers carry every ICE candidate (Janus answers with its own inside).
const publishOffer = (page: Page) =>
  page.evaluate(async (maxBitrate) => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const pc = new RTCPeerConnection();
    (window as unknown as { pub: RTCPeerConnection }).pub = pc;
    pc.addTransceiver(stream.getAudioTracks()[0]!, { direction: "sendonly", streams: [stream] });
    pc.addTransceiver(stream.getVideoTracks()[0]!, {
      direction: "sendonly",
      streams: [stream],
      sendEncodings: [{ maxBitrate }],
    });
    await pc.setLocalDescription();
    await new Promise<void>((done) => {
      if (pc.iceGatheringState === "complete") return done();
      pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && done());
    });
    return pc.localDescription!.sdp;
  }, bitrateOf("high"));

const acceptAnswer = (page: Page, sdp: string) =>
  page.evaluate(
    (sdp) =>
      (window as unknown as { pub: RTCPeerConnection }).pub.setRemoteDescription({ type: "answer", sdp }),
    sdp,
  );

const answerOffer = (page: Page, sdp: string) =>
  page.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription({ type: "offer", sdp });
    await pc.setLocalDescription();
    await new Promise<void>((done) => {
      if (pc.iceGatheringState === "complete") return done();
      pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && done());
    });
    return pc.localDescription!.sdp;
  }, sdp);

/** The incoming video's bitrate over one second (kbit/s), over the page's connections. */
const receivedKbps = async (page: Page) => {
  const bytes = () =>
    page.evaluate(async () => {
      let n = 0;
      for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs)
        (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
          if (r.type === "inbound-rtp" && r.kind === "video") n += r.bytesReceived ?? 0;
        });
      return n;
    });
  const before = await bytes();
  await new Promise((r) => setTimeout(r, 1_000));
  const k = Math.round(((await bytes()) - before) * 8e-3);
  return k;
};

async function until<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (why) return;
  janus = await startJanus();
  app = await createTestApp();
  rooms = new JanusRooms(new JanusSession({ url: janus.url, secret: janus.secret }), janus.secret);
  app.deps.live.onFolded((before, after) => void rooms.follow(before, after));
  app.deps.sfu = { rooms, limiter: new EphemeralLimiter() };
  [ana, bob, mallory] = await Promise.all(["Ana", "Bob", "Mallory"].map((n) => app.user(n)));
  ({ meetingId } = await app.as(ana).meetings.create({ title: "Through Janus" }));
  const { meeting } = await app.room(ana, meetingId);
  await app.as(bob).meetings.join({ inviteCode: meeting.inviteCode });
});
afterAll(async () => {
  for (const b of browsers) await b.close();
  await rooms?.close();
  await app?.close();
  await janus?.stop();
});

describe.skipIf(why)("video through Janus", () => {
  let anaPage: Page, bobPage: Page;

  it("refuses outsiders and people outside the call before asking Janus anything", async () => {
    expect(await codeOf(app.as(mallory).video.sfuPublish({ meetingId, sdp: "v=0" }))).toBe("FORBIDDEN");
    expect(await codeOf(app.as(ana).video.sfuPublish({ meetingId, sdp: "v=0" }))).toBe("PRECONDITION_FAILED");
    expect(await rooms.publishersIn(meetingId)).toBeNull(); // no room yet: created lazily
  });

  it("creates the room at the first camera; the other person receives it as a thumbnail", async () => {
    [anaPage, bobPage] = await Promise.all([
      mediaPage("ana", [81, 90, 240]),
      mediaPage("bob", [41, 240, 110]),
    ]);
    for (const u of [ana, bob]) await app.as(u).video.join({ meetingId, camera: true, microphone: true });
    const { sdp: answer } = await app
      .as(ana)
      .video.sfuPublish({ meetingId, sdp: await publishOffer(anaPage) });
    await acceptAnswer(anaPage, answer);
    // Janus lists a publisher once its media flow.
    await until(
      () => rooms.publishersIn(meetingId),
      (p) => p?.[0] === ana.userId,
      "Ana publishes",
    );

    const { sdp: offer } = await app.as(bob).video.sfuSubscribe({ meetingId, feedOf: ana.userId });
    await app
      .as(bob)
      .video.sfuAnswer({ meetingId, feedOf: ana.userId, sdp: await answerOffer(bobPage, offer) });
    await until(
      () => framesDecoded(bobPage),
      (n) => n > 0,
      "Bob decodes Ana's frames",
    );
    // Nobody holds the floor: Ana is a thumbnail, capped at 150 kbit/s (and her grainy camera
    // would fill several times that).
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await receivedKbps(bobPage)).toBeLessThan(LOW_CEILING_KBPS);
  });

  it(
    "sends Ana sharp while she holds the floor, and small again once she gives it up",
    { timeout: 60_000 },
    async () => {
      await app.as(ana).tokens.request({ meetingId }); // the floor is free: she takes it at once
      await until(
        () => receivedKbps(bobPage),
        (k) => k > HIGH_FLOOR_KBPS,
        "Bob gets Ana sharp",
        25_000,
      );
      await app.as(ana).tokens.release({ meetingId });
      await until(
        () => receivedKbps(bobPage),
        (k) => k < LOW_CEILING_KBPS,
        "Bob gets the thumbnail",
        25_000,
      );
    },
  );

  it("refuses a subscription to someone who publishes nothing", async () => {
    expect(await codeOf(app.as(ana).video.sfuSubscribe({ meetingId, feedOf: bob.userId }))).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it("ends the publisher in Janus when its owner leaves the call", async () => {
    await app.as(ana).video.leave({ meetingId });
    await until(
      () => rooms.publishersIn(meetingId),
      (p) => p !== null && p.length === 0,
      "Ana unpublished",
    );
  });

  it("carries on after Janus restarts: the next camera creates the room again", async () => {
    await janus.stop();
    janus = await startJanus(janus.secret);
    const offer = await publishOffer(bobPage);
    // The first request may still meet the old session's end; the next one reconnects.
    const answer = await until(
      () =>
        app
          .as(bob)
          .video.sfuPublish({ meetingId, sdp: offer })
          .then(
            (r) => r.sdp,
            () => null,
          ),
      (sdp) => sdp !== null,
      "Bob publishes on the new Janus",
    );
    await acceptAnswer(bobPage, answer!);
    await until(
      () => rooms.publishersIn(meetingId),
      (p) => p?.[0] === bob.userId,
      "Janus lists Bob",
    );
  });

  it("destroys the room when the meeting closes", async () => {
    await advanceTo(app, ana, meetingId, "CLOSED");
    await until(
      () => rooms.publishersIn(meetingId),
      (p) => p === null,
      "the room is gone",
    );
  });
});
