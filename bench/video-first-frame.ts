// Time to the first picture (part of the `video` section of `npm run bench`): the real app (its
// production build) and two people in their own Chromium processes with fake cameras. Ada is in
// the call; Ben presses "Join video"; timed until Ben's page has decoded a frame of Ada's video
// (getUserMedia, the join command, signalling through the app, ICE, the first frame). Beside it,
// in Ben's same browser: two RTCPeerConnections of one page connected directly (no app, no
// network between them), from getUserMedia to the first decoded frame: the floor of what any
// signalling can give. Printed as a ratio and as the difference, which is what the app adds.
// (`performance` is the global one: inside page.evaluate it must be the page's own.)
// Target: the app adds at most 1 s to the floor (people notice a wait of a second or more).
import type { Browser, Page } from "playwright-core";
import { startApp } from "../tests/helpers/server";
import { meetingWithGuests, signUp } from "../tests/helpers/browser";
import { fakeMediaPage, framesDecoded } from "../tests/helpers/fake-media";
import { ms, ratio } from "./stats";
import { ensureBuild } from "./build";

const TRIALS = 5;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Getting a camera and connecting two connections of one page directly, to the first frame. */
const loopbackFirstFrame = (page: Page) =>
  page.evaluate(async () => {
    const t0 = performance.now();
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const [a, b] = [new RTCPeerConnection(), new RTCPeerConnection()];
    a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
    for (const track of stream.getTracks()) a.addTrack(track, stream);
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    for (;;) {
      let frames = 0;
      (await b.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === "inbound-rtp" && r.kind === "video") frames += r.framesDecoded ?? 0;
      });
      if (frames > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const took = performance.now() - t0;
    a.close();
    b.close();
    stream.getTracks().forEach((t) => t.stop());
    return took;
  });

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

export async function firstFrameBench() {
  ensureBuild();
  const app = await startApp();
  const browsers: Browser[] = [];
  try {
    const person = async (name: string, yuv: [number, number, number]) => {
      const { browser, page } = await fakeMediaPage(name, yuv, { locale: "en" });
      browsers.push(browser);
      await signUp(page, app.url, "en", { name, email: `${name.toLowerCase()}@video.bench` });
      return page;
    };
    const ada = await person("Ada", [81, 90, 240]);
    const ben = await person("Ben", [41, 240, 110]);
    await meetingWithGuests(ada, "Video bench", [ben]);
    await ada.getByTestId("video-join").click();
    await ada.getByTestId("video-leave").waitFor();

    const app_: number[] = [];
    const floor: number[] = [];
    for (let k = 0; k < TRIALS; k++) {
      // Taking turns, the floor first: the machine's noise falls on both.
      floor.push(await loopbackFirstFrame(ben));
      const t0 = performance.now();
      await ben.getByTestId("video-join").click();
      await until(async () => (await framesDecoded(ben)) > 0, "Ben's first frame of Ada");
      app_.push(performance.now() - t0);
      await ben.getByTestId("video-leave").click();
      await ben.getByTestId("video-join").waitFor();
      await until(async () => (await framesDecoded(ben)) === 0, "Ben's connections closed");
    }
    const [a, f] = [median(app_), median(floor)];
    console.log(`join video to the first decoded frame, median of ${TRIALS} (two Chromium processes)`);
    console.log(
      `  app ${ms(a)} (max ${ms(Math.max(...app_))}) | direct loopback ${ms(f)} (max ${ms(Math.max(...floor))}) | ${ratio(a, f)}, the app adds ${ms(a - f)} (target <= 1000 ms: ${a - f <= 1000 ? "met" : "MISSED"})`,
    );
  } finally {
    for (const b of browsers) await b.close();
    await app.stop();
  }
}
