// The video call in Chromium, one browser process per person, each with a flat-colour fake
// camera: both join, each page decodes the other's frames (getStats framesDecoded > 0), the
// featured tile shows the holder's colour and follows the token, the former holder's outgoing
// audio track is disabled when the floor passes, and leaving closes the connections on both sides.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server";
import { meetingWithGuests, screenshot, signUp } from "../helpers/browser";
import { fakeMediaPage, framesDecoded } from "../helpers/fake-media";
import room from "@/messages/en/room.json";
import video from "@/messages/en/video.json";
import videoFr from "@/messages/fr/video.json";

let app: RunningApp;
const browsers: Browser[] = [];

async function person(name: string, colour: [number, number, number]): Promise<Page> {
  const { browser, page } = await fakeMediaPage(name, colour, { locale: "en" });
  browsers.push(browser);
  await signUp(page, app.url, "en", { name, email: `${name.toLowerCase()}@example.test` });
  return page;
}

/** The outgoing audio tracks' enabled flags. */
const audioSending = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
      .filter((pc) => pc.connectionState !== "closed")
      .flatMap((pc) => pc.getSenders())
      .filter((s) => s.track?.kind === "audio")
      .map((s) => s.track!.enabled),
  );

const openConnections = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter(
        (pc) => pc.connectionState !== "closed",
      ).length,
  );

/** The featured tile's centre colour: [r, g, b]. */
const featuredColour = (page: Page) =>
  page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="video-featured"] video');
    if (!video || !video.videoWidth) return null;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(video, 0, 0);
    const d = ctx.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
    return [d[0], d[1], d[2]];
  });
const isRed = (c: number[] | null) => !!c && c[0]! > 150 && c[2]! < 100;
const isBlue = (c: number[] | null) => !!c && c[2]! > 150 && c[0]! < 100;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  for (const b of browsers) await b.close();
  await app?.stop();
});

describe("video in the room", () => {
  it("connects two people, features the holder, and lets the floor close the microphone", async () => {
    const ada = await person("Ada", [81, 90, 240]); // red
    const ben = await person("Ben", [41, 240, 110]); // blue
    await meetingWithGuests(ada, "Video call", [ben]);

    await ada.getByRole("button", { name: room.token.take }).click();
    await ada.getByText(room.token.you).waitFor();
    for (const page of [ada, ben]) await page.getByTestId("video-join").click();

    for (const page of [ada, ben])
      await expect.poll(() => framesDecoded(page), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);

    // Ada holds the floor: both pages feature her red camera.
    for (const page of [ada, ben])
      await expect.poll(() => featuredColour(page), { timeout: 10_000 }).toSatisfy(isRed);
    await ada.getByTestId("video-mic").click();
    await expect.poll(() => audioSending(ada)).toEqual([true]);
    await expect(ben.getByTestId("video-mic").isDisabled()).resolves.toBe(true);
    await screenshot(ada, "video-desktop-holder");

    // The floor passes to Ben: the feature follows, Ada's microphone closes.
    await ada.getByRole("button", { name: room.token.release }).click();
    await ben.getByRole("button", { name: room.token.take }).click();
    await ben.getByText(room.token.you).waitFor();
    for (const page of [ada, ben])
      await expect.poll(() => featuredColour(page), { timeout: 10_000 }).toSatisfy(isBlue);
    await expect.poll(() => audioSending(ada)).toEqual([false]);
    await ben.setViewportSize({ width: 390, height: 844 });
    await screenshot(ben, "video-phone-holder");

    // Ada opens every microphone: Ben's opens; then she mutes him, and his track is disabled.
    // (a controlled box: it is checked once the policy event comes back on the stream)
    await ada.getByTestId("video-open-mics").click();
    await expect.poll(() => ada.getByTestId("video-open-mics").isChecked()).toBe(true);
    await expect.poll(() => ben.getByTestId("video-mic").isEnabled()).toBe(true);
    await ben.getByTestId("video-mic").click();
    await expect.poll(() => audioSending(ben)).toEqual([true]);
    await ada.getByRole("button", { name: video.mute.replace("{name}", "Ben") }).click();
    await expect.poll(() => audioSending(ben)).toEqual([false]);
    await ada.getByText("Ada muted Ben's microphone").first().waitFor();

    // Ben leaves the call: the connections close on both sides.
    await ben.getByTestId("video-leave").click();
    for (const page of [ada, ben]) await expect.poll(() => openConnections(page)).toBe(0);

    // In French, the card speaks French.
    await ben.goto(ben.url().replace("/en/", "/fr/"));
    await ben.getByRole("button", { name: videoFr.join }).waitFor();
    await ben.getByRole("heading", { name: videoFr.heading }).waitFor();
    await screenshot(ben, "video-phone-fr");
  });
});
