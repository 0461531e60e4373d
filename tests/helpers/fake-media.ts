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
function y4m(name: string, [y, u, v]: readonly [number, number, number]): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.y4m`);
  const w = 64;
  const h = 48;
  const frame = Buffer.concat([
    Buffer.from("FRAME\n"),
    Buffer.alloc(w * h, y),
    Buffer.alloc((w * h) / 4, u),
    Buffer.alloc((w * h) / 4, v),
  ]);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]),
  );
  return file;
}

/** A browser process whose camera shows `yuv`, and a page in it that records its connections. */
export async function fakeMediaPage(
  name: string,
  yuv: readonly [number, number, number],
  context: { locale: string; viewport?: { width: number; height: number } },
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--allow-loopback-in-peer-connection",
    // Host candidates as plain addresses, not mDNS names: resolving a peer's ".local" name needs
    // multicast, which a container may not pass, and then no pair of candidates ever connects.
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    // Lets getDisplayMedia pick a screen without a picker (headless has no one to click it).
    "--auto-select-desktop-capture-source=Entire screen",
    `--use-file-for-fake-video-capture=${y4m(name, yuv)}`,
  ]);
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
  return { browser, page: await ctx.newPage() };
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
