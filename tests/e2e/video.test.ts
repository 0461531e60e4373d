// The video call in Chromium, in EN and FR, one browser process per person, each with a
// flat-colour fake camera: a preview and a chosen microphone before joining, both join, each
// page decodes the other's frames (getStats framesDecoded > 0), the featured tile shows the
// holder's colour and follows the token, only the holder may share a screen (sent in place of
// the camera, stopped when the floor passes), the former holder's outgoing audio track is
// disabled when the floor passes, leaving the call closes the connections on both sides, and a
// person who leaves the meeting is dropped by every peer at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server";
import { launchBrowser, meetingWithGuests, screenshot, signUp } from "../helpers/browser";
import { postMutation } from "../helpers/trpc-http";
import { fill } from "../helpers/messages";
import { cuttableLiveLink } from "../helpers/live-link";
import { centreColour, fakeMediaPage, framesDecoded, peerReport } from "../helpers/fake-media";
const serverErrors: string[] = [];
import roomEn from "@/messages/en/room.json";
import roomFr from "@/messages/fr/room.json";
import videoEn from "@/messages/en/video.json";
import videoFr from "@/messages/fr/video.json";

const MESSAGES = { en: { room: roomEn, video: videoEn }, fr: { room: roomFr, video: videoFr } };
type Locale = keyof typeof MESSAGES;
let app: RunningApp;
let browsers: Browser[] = [];

async function person(
  locale: Locale,
  name: string,
  colour: [number, number, number],
  before?: (page: Page) => Promise<void>,
): Promise<Page> {
  const { browser, page } = await fakeMediaPage(name, colour, { locale });
  browsers.push(browser);
  await before?.(page);
  // Whatever the call does, the server never answers a page with a 500.
  page.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${name}: ${r.status()} ${r.url()}`);
  });
  await signUp(page, app.url, locale, { name, email: `${name.toLowerCase()}-${locale}@example.test` });
  return page;
}

/** How many connections the page has made, and how many are open. */
const connections = (page: Page) =>
  page.evaluate(() => {
    const all = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    return { made: all.length, open: all.filter((pc) => pc.connectionState !== "closed").length };
  });

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

/** The outgoing video track: none, the camera, or a shared screen (Chromium names the surface). */
const videoSending = (page: Page) =>
  page.evaluate(() => {
    const tracks = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
      .filter((pc) => pc.connectionState !== "closed")
      .flatMap((pc) => pc.getTransceivers())
      .filter((t) => t.receiver.track.kind === "video")
      .map((t) => t.sender.track);
    return tracks.map((t) =>
      !t ? "none" : (t.getSettings() as { displaySurface?: string }).displaySurface ? "screen" : "camera",
    );
  });

/** The device each outgoing audio track comes from. */
const microphoneInUse = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
      .filter((pc) => pc.connectionState !== "closed")
      .flatMap((pc) => pc.getSenders())
      .filter((s) => s.track?.kind === "audio")
      .map((s) => s.track!.getSettings().deviceId),
  );

const featuredColour = (page: Page) => centreColour(page, '[data-testid="video-featured"] video');

const isRed = (c: number[] | null) => !!c && c[0]! > 150 && c[2]! < 100;
const isBlue = (c: number[] | null) => !!c && c[2]! > 150 && c[0]! < 100;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await closeBrowsers();
  await app?.stop();
});
/** Each test closes its own browsers (two Chromium processes at a time on a small machine). */
async function closeBrowsers() {
  for (const b of browsers) await b.close();
  browsers = [];
}

describe.each(["en", "fr"] as const)("video in the room (%s)", (locale) => {
  const { room, video } = MESSAGES[locale];
  it("previews, connects two people, features the holder, lets the floor close the microphone and the screen", async () => {
    const ada = await person(locale, "Ada", [81, 90, 240]); // red
    const ben = await person(locale, "Ben", [41, 240, 110]); // blue
    const meetingId = await meetingWithGuests(ada, "Video call", [ben]);

    await ada.getByRole("button", { name: room.token.take }).click();
    await ada.getByText(room.token.you).waitFor();

    // Before joining, Ada previews her own camera; the labelled selects then name the devices.
    await screenshot(ada, `video-desktop-before-${locale}`);
    await ada.getByRole("button", { name: video.preview }).click();
    await expect
      .poll(() => centreColour(ada, '[data-testid="video-preview"]'), { timeout: 20_000 })
      .toSatisfy(isRed);
    const microphones = ada.getByLabel(video.microphoneDevice);
    await expect.poll(() => microphones.locator("option").count()).toBeGreaterThan(2);
    const labels = await microphones.locator("option").allTextContents();
    expect(labels.slice(1).every((l) => l && !l.startsWith(fill(video.unnamedMicrophone, { n: "" })))).toBe(
      true,
    );
    // She picks her second microphone, by keyboard (arrows browse, Enter chooses).
    const second = await microphones.locator("option").nth(2).getAttribute("value");
    await microphones.focus();
    await ada.keyboard.press("ArrowDown");
    await ada.keyboard.press("ArrowDown");
    await ada.keyboard.press("Enter");
    await expect.poll(() => microphones.inputValue()).toBe(second);
    // The preview starts again with the chosen devices.
    await expect
      .poll(() => centreColour(ada, '[data-testid="video-preview"]'), { timeout: 20_000 })
      .toSatisfy(isRed);
    await ada.setViewportSize({ width: 390, height: 844 });
    await screenshot(ada, `video-phone-preview-${locale}`);
    await ada.setViewportSize({ width: 1280, height: 800 });

    for (const page of [ada, ben]) await page.getByTestId("video-join").click();

    for (const page of [ada, ben])
      await expect
        .poll(() => framesDecoded(page), {
          timeout: 60_000,
          interval: 500,
          message: "no frame decoded",
        })
        .toBeGreaterThan(0)
        .catch(async (e: unknown) => {
          // Says why: each side's connection states and candidate counts.
          console.log(JSON.stringify({ ada: await peerReport(ada), ben: await peerReport(ben) }));
          throw e;
        });
    // The join used the microphone she chose.
    await expect.poll(() => microphoneInUse(ada)).toEqual([second]);

    // Ada holds the floor: both pages feature her red camera.
    for (const page of [ada, ben])
      await expect.poll(() => featuredColour(page), { timeout: 10_000 }).toSatisfy(isRed);
    await ada.getByTestId("video-mic").click();
    await expect.poll(() => audioSending(ada)).toEqual([true]);
    await expect(ben.getByTestId("video-mic").isDisabled()).resolves.toBe(true);
    await screenshot(ada, `video-desktop-holder-${locale}`);

    // Only the holder may share a screen; hers replaces her camera on the same connection.
    await expect(ben.getByRole("button", { name: video.shareScreen }).isDisabled()).resolves.toBe(true);
    await ben.getByText(video.screenHolderOnly).waitFor();
    await ada.getByRole("button", { name: video.shareScreen }).click();
    await expect.poll(() => videoSending(ada), { timeout: 20_000 }).toEqual(["screen"]);
    await ada.getByRole("button", { name: video.stopScreen }).waitFor();
    await expect.poll(() => featuredColour(ben), { timeout: 20_000 }).not.toSatisfy(isRed);
    await screenshot(ada, `video-desktop-screen-${locale}`);

    // The floor passes to Ben: the feature follows, Ada's microphone closes, her screen stops.
    await ada.getByRole("button", { name: room.token.release }).click();
    await ben.getByRole("button", { name: room.token.take }).click();
    await ben.getByText(room.token.you).waitFor();
    for (const page of [ada, ben])
      await expect.poll(() => featuredColour(page), { timeout: 10_000 }).toSatisfy(isBlue);
    await expect.poll(() => audioSending(ada)).toEqual([false]);
    await expect.poll(() => videoSending(ada)).toEqual(["camera"]);
    await ada.getByRole("button", { name: video.shareScreen }).waitFor();
    await ben.setViewportSize({ width: 390, height: 844 });
    await screenshot(ben, `video-phone-holder-${locale}`);

    // Ada opens every microphone: Ben's opens; then she mutes him, and his track is disabled.
    // (a controlled box: it is checked once the policy event comes back on the stream)
    await ada.getByTestId("video-open-mics").click();
    await expect.poll(() => ada.getByTestId("video-open-mics").isChecked()).toBe(true);
    await expect.poll(() => ben.getByTestId("video-mic").isEnabled()).toBe(true);
    await ben.getByTestId("video-mic").click();
    await expect.poll(() => audioSending(ben)).toEqual([true]);
    await ada.getByRole("button", { name: fill(video.mute, { name: "Ben" }) }).click();
    await expect.poll(() => audioSending(ben)).toEqual([false]);
    await ada
      .getByText(fill(room.activity.video.muted, { actor: "Ada", subject: "Ben" }))
      .first()
      .waitFor();

    // Ben leaves the call: the connections close on both sides.
    const adaId = await ben.locator("[data-user]").filter({ hasText: "Ada" }).getAttribute("data-user");
    await ben.getByTestId("video-leave").click();
    for (const page of [ada, ben]) await expect.poll(() => openConnections(page)).toBe(0);
    // A signal from outside the call, sent by hand over HTTP, is refused (412), not a 500.
    const bye = { meetingId, channel: "signal", to: adaId, body: { kind: "bye", session: "forged" } };
    expect(await postMutation(ben, "live.send", bye)).toBe(412);

    // Ben joins again, then leaves the meeting: Ada drops him at once, tile and connection.
    await ben.getByTestId("video-join").click();
    await expect.poll(() => framesDecoded(ada), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    const bensTile = ada.locator('[data-testid^="video-"][data-user]').filter({ hasText: "Ben" });
    await expect.poll(() => bensTile.count()).toBe(1);
    ben.once("dialog", (d) => void d.accept());
    await ben.getByRole("button", { name: room.leave }).click();
    await ben.waitForURL(`**/${locale}/meetings`);
    await expect.poll(() => openConnections(ada), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => bensTile.count()).toBe(0);
    expect(serverErrors).toEqual([]);
    await closeBrowsers();
  });
});

describe("video that comes back by itself", () => {
  it("reconnects after the live link drops, and after a reload, with nobody pressing anything", async () => {
    let link: Awaited<ReturnType<typeof cuttableLiveLink>> | undefined;
    const cleo = await person("en", "Cleo", [81, 90, 240]); // red
    const dan = await person("en", "Dan", [41, 240, 110], async (page) => {
      link = await cuttableLiveLink(page.context());
    });
    await meetingWithGuests(cleo, "Video that holds", [dan]);
    for (const page of [cleo, dan]) await page.getByTestId("video-join").click();
    const decoding = async (page: Page, made: number) => {
      await expect.poll(() => connections(page), { timeout: 60_000 }).toMatchObject({ open: 1 });
      expect((await connections(page)).made).toBeGreaterThanOrEqual(made);
      await expect.poll(() => framesDecoded(page), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    };
    for (const page of [cleo, dan]) await decoding(page, 1);
    const dansTile = cleo.locator("[data-user]").filter({ hasText: "Dan" });
    const danId = await dansTile.getAttribute("data-user");

    // Dan's network drops (for the app): Cleo's page sees him go and closes its connection to him.
    await link!.cut();
    await expect.poll(() => dansTile.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => connections(cleo)).toMatchObject({ open: 0 });
    // It comes back: his page reconnects, and both sides are on a new connection (the old one on
    // his side gives way to the new one's offer), decoding each other's frames.
    link!.restore();
    await expect.poll(() => dansTile.count(), { timeout: 60_000 }).toBe(1);
    for (const page of [cleo, dan]) await decoding(page, 2);

    // Dan reloads: still in the call, his camera opens again by itself and Cleo sees it.
    await dan.reload();
    await dan.getByTestId("video-leave").waitFor();
    await decoding(dan, 1);
    await decoding(cleo, 3);
    await expect
      .poll(() => centreColour(dan, `[data-user="${danId}"] video`), { timeout: 20_000 })
      .toSatisfy(isBlue);
    await expect
      .poll(() => centreColour(cleo, `[data-user="${danId}"] video`), { timeout: 20_000 })
      .toSatisfy(isBlue);
    await screenshot(cleo, "video-desktop-reconnected");
    expect(serverErrors).toEqual([]);
    await closeBrowsers();
  });
});

describe.each(["en", "fr"] as const)("no camera to be had (%s)", (locale) => {
  const { video } = MESSAGES[locale];
  /** A browser whose camera and microphone requests fail as `flags` make them, in a meeting of its own. */
  async function refusedPage(name: string, flags: string[]): Promise<Page> {
    const browser = await launchBrowser(flags);
    browsers.push(browser);
    const page = await (await browser.newContext({ locale })).newPage();
    await signUp(page, app.url, locale, { name, email: `${name.toLowerCase()}-${locale}@example.test` });
    await meetingWithGuests(page, `${name}'s meeting`, []);
    return page;
  }

  it("says in words why the camera did not start, and lets the person join without it", async () => {
    // Nobody answers the permission prompt of a headless browser: the request is refused.
    const refused = await refusedPage("Flo", ["--use-fake-device-for-media-stream"]);
    await refused.getByRole("button", { name: video.preview }).click();
    await refused.getByRole("alert").filter({ hasText: video.errors.denied }).waitFor();
    // A machine without any camera or microphone (this one has none; no fake device).
    const bare = await refusedPage("Gus", ["--use-fake-ui-for-media-stream"]);
    await bare.getByRole("button", { name: video.join }).click();
    await bare.getByRole("alert").filter({ hasText: video.errors.noDevice }).waitFor();
    await screenshot(bare, `video-no-device-${locale}`);
    // Without camera and microphone, Gus is in the call all the same (to see and hear the others).
    await bare.getByLabel(video.camera, { exact: true }).uncheck();
    await bare.getByLabel(video.microphone, { exact: true }).uncheck();
    await bare.getByRole("button", { name: video.join }).click();
    await bare.getByRole("button", { name: video.leave }).waitFor();
    expect(serverErrors).toEqual([]);
    await closeBrowsers();
  });
});
