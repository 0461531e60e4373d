// The video call through Janus, in Chromium: the app started with JANUS_URL, Janus in a network
// namespace of its own (it gathers no ICE candidate on loopback alone), one browser process per
// person with a grainy colour camera. Three people join; each decodes the two others (one
// connection down per person seen, one up); the featured tile shows the holder and follows the
// token, and the holder's picture arrives at several times a thumbnail's bitrate (the SFU caps
// each publisher by the floor); leaving the call ends that person's publisher in Janus.
// Skipped, saying why, only where Janus cannot run (no `janus` binary, not root).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server";
import { meetingWithGuests, screenshot, signUp } from "../helpers/browser";
import { centreColour, fakeMediaPage, peopleDecoded } from "../helpers/fake-media";
import { janusUnavailable, startJanus, type RunningJanus } from "../helpers/janus";
import { JanusRooms } from "@/server/video/janus-rooms";
import { JanusSession } from "@/server/video/janus-session";
import room from "@/messages/en/room.json";

const why = janusUnavailable();
if (why) console.warn(`Skipping the Janus end-to-end test: ${why}`);

let janus: RunningJanus;
let app: RunningApp;
/** Janus as the test sees it (the same derived room ids as the app's). */
let rooms: JanusRooms;
const browsers: Browser[] = [];

const RED: [number, number, number] = [81, 90, 240];
const BLUE: [number, number, number] = [41, 240, 110];
const GREEN: [number, number, number] = [145, 54, 34];
const isRed = (c: number[] | null) => !!c && c[0]! > 150 && c[1]! < 100 && c[2]! < 100;
const isBlue = (c: number[] | null) => !!c && c[2]! > 150 && c[0]! < 100 && c[1]! < 100;

async function person(name: string, colour: [number, number, number]): Promise<Page> {
  const { browser, page } = await fakeMediaPage(name, colour, {
    locale: "en",
    camera: { width: 320, height: 180, grain: 30 },
  });
  browsers.push(browser);
  await signUp(page, app.url, "en", { name, email: `${name.toLowerCase()}@example.test` });
  return page;
}

/** Incoming video bitrate (kbit/s, over one second) of the featured tile and of the best thumbnail. */
const tileKbps = (page: Page) =>
  page.evaluate(async () => {
    const tracks = (testId: string) =>
      [...document.querySelectorAll<HTMLVideoElement>(`[data-testid="${testId}"] video`)].flatMap(
        (v) => (v.srcObject as MediaStream | null)?.getVideoTracks() ?? [],
      );
    const bytes = async (wanted: MediaStreamTrack[]) => {
      const out: number[] = [];
      for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs)
        for (const receiver of pc.getReceivers()) {
          if (!wanted.includes(receiver.track) || pc.connectionState === "closed") continue;
          (await receiver.getStats()).forEach((r: { type: string; bytesReceived?: number }) => {
            if (r.type === "inbound-rtp") out.push(r.bytesReceived ?? 0);
          });
        }
      return out;
    };
    const featured = tracks("video-featured");
    const thumbs = tracks("video-tile");
    const [f0, t0] = [await bytes(featured), await bytes(thumbs)];
    await new Promise((r) => setTimeout(r, 1_000));
    const [f1, t1] = [await bytes(featured), await bytes(thumbs)];
    const kbps = (a: number[], b: number[]) => b.map((v, i) => Math.round((v - (a[i] ?? 0)) * 8e-3));
    return { featured: Math.max(0, ...kbps(f0, f1)), thumbnail: Math.max(0, ...kbps(t0, t1)) };
  });

beforeAll(async () => {
  if (why) return;
  janus = await startJanus();
  app = await startApp({ JANUS_URL: janus.url, JANUS_SECRET: janus.secret });
  rooms = new JanusRooms(new JanusSession({ url: janus.url, secret: janus.secret }), janus.secret);
});
afterAll(async () => {
  for (const b of browsers) await b.close();
  await rooms?.close();
  await app?.stop();
  await janus?.stop();
});

/** Is the featured tile's stream several times the bitrate of a thumbnail (the floor's quality)? */
const featuredSharp = async (page: Page) => {
  const k = await tileKbps(page);
  return k.featured > 2 * k.thumbnail && k.featured > 300;
};

describe.skipIf(why)("video through Janus", () => {
  it("connects three people through the SFU, features the holder sharp, and ends a leaver's publisher", async () => {
    const ada = await person("Ada", RED);
    const ben = await person("Ben", BLUE);
    const cy = await person("Cy", GREEN);
    const meetingId = await meetingWithGuests(ada, "Board through Janus", [ben, cy]);
    const everyone = [ada, ben, cy];

    await ada.getByRole("button", { name: room.token.take }).click();
    await ada.getByText(room.token.you).waitFor();
    for (const page of everyone) await page.getByTestId("video-join").click();

    // Each page decodes the two others, through one connection down per person.
    for (const page of everyone)
      await expect.poll(() => peopleDecoded(page), { timeout: 60_000, interval: 500 }).toBe(2);
    expect((await rooms.publishersIn(meetingId))?.length).toBe(3);

    // Ada holds the floor: Ben and Cy feature her red camera, several times sharper than a thumbnail.
    const featured = '[data-testid="video-featured"] video';
    for (const page of [ben, cy])
      await expect.poll(() => centreColour(page, featured), { timeout: 15_000 }).toSatisfy(isRed);
    await expect.poll(() => featuredSharp(cy), { timeout: 30_000, interval: 500 }).toBe(true);
    await screenshot(cy, "video-janus-ada-featured");

    // The floor passes to Ben: the feature follows, and so does the sharp picture.
    await ada.getByRole("button", { name: room.token.release }).click();
    await ben.getByRole("button", { name: room.token.take }).click();
    await ben.getByText(room.token.you).waitFor();
    for (const page of [ada, cy])
      await expect.poll(() => centreColour(page, featured), { timeout: 15_000 }).toSatisfy(isBlue);
    await expect.poll(() => featuredSharp(ada), { timeout: 30_000, interval: 500 }).toBe(true);
    await screenshot(ada, "video-janus-ben-featured");

    // Cy leaves the call: Janus no longer has her publisher, the others see one person fewer.
    await cy.getByTestId("video-leave").click();
    await expect.poll(async () => (await rooms.publishersIn(meetingId))?.length, { timeout: 15_000 }).toBe(2);
    for (const page of [ada, ben])
      await expect.poll(() => peopleDecoded(page), { timeout: 15_000, interval: 500 }).toBe(1);
  });
});
