// Chromium with a fake camera and microphone, for the video tests and the video benchmark: one
// browser process per person (each plays its own flat-colour y4m as its camera), every
// RTCPeerConnection the page makes kept for getStats.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";

const dir = path.join(os.tmpdir(), `orchestrasec-video-${process.pid}`);

/** A flat-colour y4m (YUV 4:2:0, `yuv` as Y, U, V) Chromium plays as its fake camera. */
function y4m(name: string, [y, u, v]: readonly [number, number, number], camera: Camera): string {
  mkdirSync(dir, { recursive: true });
  const { width: w, height: h, grain = 0 } = camera;
  const file = path.join(dir, `${name}-${w}x${h}-${grain}.y4m`);
  // Grain: brightness noise, different in every frame, so the encoder spends what it may (a
  // flat picture costs a few bytes a frame, whatever bitrate it is allowed).
  const luma = () =>
    grain
      ? Buffer.from(Array.from({ length: w * h }, () => y - grain + Math.floor(Math.random() * 2 * grain)))
      : Buffer.alloc(w * h, y);
  const frames = Array.from({ length: 10 }, () =>
    Buffer.concat([
      Buffer.from("FRAME\n"),
      luma(),
      Buffer.alloc((w * h) / 4, u),
      Buffer.alloc((w * h) / 4, v),
    ]),
  );
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), ...frames]),
  );
  return file;
}

/** The fake camera: its size (tiny by default) and how much grain its picture has (none). */
interface Camera {
  width: number;
  height: number;
  grain?: number;
}

/** A browser process whose camera shows `yuv` (tiny and flat unless `camera` says otherwise). */
export function fakeMediaBrowser(
  name: string,
  yuv: readonly [number, number, number],
  camera: Camera = { width: 64, height: 48 },
): Promise<Browser> {
  return launchBrowser([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--allow-loopback-in-peer-connection",
    // Host candidates as plain addresses, not mDNS names: resolving a peer's ".local" name needs
    // multicast, which a container may not pass, and then no pair of candidates ever connects.
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    // Lets getDisplayMedia pick a screen without a picker (headless has no one to click it).
    "--auto-select-desktop-capture-source=Entire screen",
    `--use-file-for-fake-video-capture=${y4m(name, yuv, camera)}`,
  ]);
}

/** A page of its own context (its own cookies: one person) that records its connections. */
export async function recordingPage(
  browser: Browser,
  context: { locale: string; viewport?: { width: number; height: number } },
): Promise<Page> {
  const ctx = await browser.newContext({
    locale: context.locale,
    viewport: context.viewport ?? { width: 1280, height: 800 },
  });
  await ctx.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = all;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        all.push(this);
      }
    } as typeof RTCPeerConnection;
  });
  return ctx.newPage();
}

/** A browser process whose camera shows `yuv`, and a page in it that records its connections. */
export async function fakeMediaPage(
  name: string,
  yuv: readonly [number, number, number],
  context: {
    locale: string;
    viewport?: { width: number; height: number };
    camera?: Camera;
  },
): Promise<{ browser: Browser; page: Page }> {
  const browser = await fakeMediaBrowser(name, yuv, context.camera);
  return { browser, page: await recordingPage(browser, context) };
}

/** Frames decoded of incoming video, over the page's open connections. */
export const framesDecoded = (page: Page) =>
  page.evaluate(async () => {
    let n = 0;
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === "inbound-rtp" && r.kind === "video") n += r.framesDecoded ?? 0;
      });
    }
    return n;
  });

/** The centre colour ([r, g, b]) of the picture in the video element `selector` matches (null: none yet). */
export const centreColour = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const video = document.querySelector<HTMLVideoElement>(selector);
    if (!video || !video.videoWidth) return null;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(video, 0, 0);
    // Averaged over a small square: a grainy camera's single pixel says little.
    const d = ctx.getImageData((canvas.width >> 1) - 4, (canvas.height >> 1) - 4, 8, 8).data;
    const mean = (offset: number) => {
      let sum = 0;
      for (let i = offset; i < d.length; i += 4) sum += d[i]!;
      return Math.round(sum / (d.length / 4));
    };
    return [mean(0), mean(1), mean(2)];
  }, selector);

/** How many people's pictures this page decodes (open connections with decoded video frames). */
export const peopleDecoded = (page: Page) =>
  page.evaluate(async () => {
    let n = 0;
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === "closed") continue;
      let frames = 0;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === "inbound-rtp" && r.kind === "video") frames += r.framesDecoded ?? 0;
      });
      if (frames > 0) n++;
    }
    return n;
  });

/** Bytes this page has sent and received over RTP (audio and video), over its open connections. */
export const rtpBytes = (page: Page) =>
  page.evaluate(async () => {
    const total = { sent: 0, received: 0 };
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((r: { type: string; bytesSent?: number; bytesReceived?: number }) => {
        if (r.type === "outbound-rtp") total.sent += r.bytesSent ?? 0;
        if (r.type === "inbound-rtp") total.received += r.bytesReceived ?? 0;
      });
    }
    return total;
  });

/** What each of the page's connections is doing, for a failure message that says why no frame came. */
export const peerReport = (page: Page) =>
  page.evaluate(async () => {
    const out = [];
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      const stats: Record<string, number> = {};
      (await pc.getStats()).forEach((r: { type: string; state?: string }) => {
        const key = r.type === "candidate-pair" ? `pair:${r.state}` : r.type;
        stats[key] = (stats[key] ?? 0) + 1;
      });
      out.push({
        connection: pc.connectionState,
        ice: pc.iceConnectionState,
        gathering: pc.iceGatheringState,
        signaling: pc.signalingState,
        transceivers: pc
          .getTransceivers()
          .map(
            (t) =>
              `${t.mid}:${t.receiver.track.kind}:${t.direction}/${t.currentDirection}:${t.sender.track ? "track" : "-"}`,
          ),
        stats,
      });
    }
    return out;
  });
