// Video through Janus (the `janus` section of `npm run bench`): the real app (its production
// build) with JANUS_URL, Janus in its own network namespace, and N people (4, 8, 16) in one
// Chromium process, each in their own context with a small grainy fake camera, all in the call;
// nobody holds the floor, so every camera is a thumbnail (150 kbit/s at most). Beside it, in the
// same run, the peer-to-peer mesh at N = 4 (the app without JANUS_URL). Printed per N: the time
// until every page decodes everyone else, the app server's CPU while they join (signalling) and
// over a quiet window with the call running, Janus's CPU over that window, and each person's RTP
// bitrate up and down (mean over the pages). What to look at: through the SFU each person's
// upload stays one stream's worth whatever N (the mesh's grows with N - 1), and the app's CPU
// stays near zero once the call runs (media never cross it). Root and the `janus` binary needed.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { startApp } from "../tests/helpers/server";
import { meetingWithGuests, signUp } from "../tests/helpers/browser";
import { fakeMediaBrowser, peopleDecoded, recordingPage, rtpBytes } from "../tests/helpers/fake-media";
import { janusUnavailable, startJanus } from "../tests/helpers/janus";
import { ensureBuild } from "./build";

const SIZES = (process.env.JANUS_BENCH_SIZES ?? "4,8,16").split(",").map(Number);
const MESH_SIZE = 4;
/** The quiet window over which CPU and bitrates are measured. */
const WINDOW_MS = 5_000;
const CAMERA = { width: 160, height: 90, grain: 20 };

/** CPU time (ms) a process has used so far, from /proc (utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Run {
  label: string;
  n: number;
  env: Record<string, string>;
  /** Another process whose CPU is measured over the window (Janus). */
  sfuPid?: number;
}

async function measure(run: Run): Promise<void> {
  const app = await startApp(run.env);
  let browser: Browser | null = null;
  try {
    browser = await fakeMediaBrowser(`bench-${run.n}`, [81, 90, 240], CAMERA);
    const pages: Page[] = [];
    for (let i = 0; i < run.n; i++) {
      const page = await recordingPage(browser, { locale: "en", viewport: { width: 800, height: 600 } });
      await signUp(page, app.url, "en", { name: `P${i}`, email: `p${i}-${run.n}@janus.bench` });
      pages.push(page);
    }
    const warnings: string[] = [];
    pages[1]!.on("console", (m) => m.type() !== "log" && warnings.push(m.text().slice(0, 300)));
    await meetingWithGuests(pages[0]!, "Janus bench", pages.slice(1));

    const t0 = Date.now();
    const cpu0 = cpuMs(app.pid);
    for (const page of pages) await page.getByTestId("video-join").click();
    let decoded: number[] = [];
    await until(
      async () => (decoded = await Promise.all(pages.map(peopleDecoded))).every((k) => k === run.n - 1),
      `${run.label}: every page decodes the ${run.n - 1} others`,
      180_000,
    ).catch((error: unknown) => {
      throw new Error(
        `${String(error)} (people decoded per page: ${decoded.join(" ")}; a page said: ${warnings.slice(0, 5).join(" / ")})`,
      );
    });
    const joined = Date.now() - t0;
    const joinCpu = cpuMs(app.pid) - cpu0;

    const before = await Promise.all(pages.map(rtpBytes));
    const [app0, sfu0] = [cpuMs(app.pid), run.sfuPid ? cpuMs(run.sfuPid) : 0];
    const w0 = Date.now();
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const after = await Promise.all(pages.map(rtpBytes));
    const seconds = (Date.now() - w0) / 1000;
    const [app1, sfu1] = [cpuMs(app.pid), run.sfuPid ? cpuMs(run.sfuPid) : 0];
    const kbps = (pick: (b: { sent: number; received: number }) => number) =>
      Math.round(
        pages.reduce((sum, _, i) => sum + pick(after[i]!) - pick(before[i]!), 0) /
          pages.length /
          seconds /
          125,
      );
    const percent = (cpu: number) => `${((cpu / (seconds * 1000)) * 100).toFixed(1)}%`;
    console.log(
      `  ${run.label.padEnd(10)} all see all in ${(joined / 1000).toFixed(1)} s (app CPU ${joinCpu} ms while joining)` +
        ` | call running: app CPU ${percent(app1 - app0)}${run.sfuPid ? `, Janus CPU ${percent(sfu1 - sfu0)}` : ""}` +
        ` | per person up ${kbps((b) => b.sent)} kbit/s, down ${kbps((b) => b.received)} kbit/s`,
    );
  } finally {
    await browser?.close();
    await app.stop();
  }
}

export async function janusBench() {
  const why = janusUnavailable();
  if (why) {
    console.log(`skipped: ${why}`);
    return;
  }
  ensureBuild();
  console.log(
    `N people in the call, every camera ${CAMERA.width}x${CAMERA.height} a thumbnail; CPU in % of one core over ${WINDOW_MS / 1000} s`,
  );
  await measure({ label: `mesh N=${MESH_SIZE}`, n: MESH_SIZE, env: {} });
  const janus = await startJanus();
  try {
    const env = { JANUS_URL: janus.url, JANUS_SECRET: janus.secret };
    for (const n of SIZES)
      // A size the machine cannot carry says so, and the larger ones are still tried.
      await measure({ label: `Janus N=${n}`, n, env, sfuPid: janus.pid }).catch((error: unknown) =>
        console.log(`  Janus N=${n}   NOT MEASURED: ${String(error).split("\n")[0]}`),
      );
  } finally {
    await janus.stop();
  }
}
