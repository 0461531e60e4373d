// Fan-out benchmark (a section of `npm run bench`): N subscribers of one meeting, each with its own
// session, following the room's live stream over the app's real WebSocket server; a token change
// is made through the real command path and we time until the LAST subscriber has it. Beside it,
// in the same run, on the same machine, the floor: a raw `ws` server sending the same frame to N
// raw connections. Printed as ratios.
//   - p50/p99 of the last receipt over 50 changes, and server CPU per change
//   - server heap per idle subscriber (after GC), beside a raw `ws` connection's
//   - 5,000 subscribers: p99 of the last receipt
//   - end to end: 200 emulated room pages that fold every message with the browser's own
//     function (core/room/stream.ts); time from a token change until all 200 show it
// Targets: p99 <= 1.5x raw ws and memory <= 2x raw ws per subscriber at 1,000; p99 <= 250 ms at 5,000.
import { performance } from "node:perf_hooks";
import os from "node:os";
import type WebSocket from "ws";
import { applyLiveMessage, type RoomView } from "@/core/room/stream";
import {
  Receipts,
  dataFrame,
  follower,
  followers,
  inBatches,
  rawFollowers,
  startServer,
  type Server,
  type Setup,
} from "./live-client";
import { ms, percentile, ratio } from "./stats";

const CHANGES = 50;

/** The frame the app sends for one token change, for the raw server to send as it is. */
const sameFrame = (seq: number, userId: string) =>
  dataFrame(seq, {
    t: "event",
    e: {
      seq,
      at: new Date().toISOString(),
      actorId: userId,
      event: { type: "token.granted", userId, reason: "free" },
      verified: seq,
    },
  });

interface Run {
  lastReceiptMs: number[];
  cpuPerChangeMs: number;
  heapPerSubscriberKb: number;
}

/**
 * Heap per subscriber (the server's, after GC, before and after `open`), then `change` timed
 * CHANGES times until all `n` receipts of the seq it returns are in, with the server's CPU.
 */
async function measure(
  server: Server,
  n: number,
  open: (receipts: Receipts) => Promise<WebSocket[]>,
  change: (k: number) => Promise<number>,
): Promise<Run> {
  const receipts = new Receipts();
  const heapBefore = await server.call<number>({ cmd: "heap" });
  const sockets = await open(receipts);
  await new Promise((r) => setTimeout(r, 500)); // presence deltas settle
  const heapAfter = await server.call<number>({ cmd: "heap" });
  const lastReceiptMs: number[] = [];
  await server.call({ cmd: "cpuStart" });
  for (let k = 1; k <= CHANGES; k++) {
    const t0 = performance.now();
    const seq = await change(k);
    lastReceiptMs.push((await receipts.all(seq, n)) - t0);
  }
  const cpu = await server.call<number>({ cmd: "cpuStop" });
  for (const ws of sockets) ws.terminate();
  await new Promise((r) => setTimeout(r, 500));
  return {
    lastReceiptMs,
    cpuPerChangeMs: cpu / CHANGES,
    heapPerSubscriberKb: (heapAfter - heapBefore) / n / 1024,
  };
}

/** The app: token changes through the command path, to N followers of the room. */
const measureApp = (server: Server, setup: Setup, n: number, seq: { value: number }) =>
  measure(
    server,
    n,
    (receipts) => followers(setup, n, seq.value, (m) => m.t === "event" && receipts.got(m.e.seq)),
    async () => (seq.value = await server.call<number>({ cmd: "change" })),
  );

/** The floor: the raw server sends the same frame to N raw connections. */
async function measureRaw(server: Server, setup: Setup, n: number) {
  const run = await measure(
    server,
    n,
    (receipts) => rawFollowers(setup, n, (m) => m.t === "event" && receipts.got(m.e.seq)),
    async (k) => {
      await server.call({ cmd: "rawBroadcast", frame: sameFrame(1_000_000 + k, setup.userIds[0]) });
      return 1_000_000 + k;
    },
  );
  await server.call({ cmd: "rawClose" });
  return run;
}

/** 200 pages that load the room from the stream and fold every message; time until all show the change. */
async function emulatedPages(server: Server, setup: Setup, n: number, seq: { value: number }) {
  const views: (RoomView | null)[] = Array.from({ length: n }, () => null);
  let watch: (() => void) | null = null;
  const sockets = await inBatches(n, (i) =>
    follower(setup, i, null, (message) => {
      views[i] = message.t === "snapshot" ? message.view : views[i] && applyLiveMessage(views[i]!, message);
      watch?.();
    }),
  );
  while (views.some((v) => v === null)) await new Promise((r) => setTimeout(r, 20));
  const times: number[] = [];
  for (let k = 0; k < 20; k++) {
    const t0 = performance.now();
    const target = await server.call<number>({ cmd: "change" });
    seq.value = target;
    await new Promise<void>((resolve) => {
      watch = () => {
        if (views.every((v) => v!.state.seq >= target)) {
          watch = null;
          resolve();
        }
      };
      watch();
    });
    times.push(performance.now() - t0);
  }
  for (const ws of sockets) ws.terminate();
  return times;
}

export async function fanoutBench() {
  const server = await startServer();
  try {
    const setup = await server.call<Setup>({ cmd: "setup", members: 5_000 });
    const seq = { value: setup.lastSeq };
    const raw1k = await measureRaw(server, setup, 1_000);
    const app1k = await measureApp(server, setup, 1_000, seq);
    const line = (label: string, app: Run, raw: Run) => {
      const [p50, p99] = [percentile(app.lastReceiptMs, 50), percentile(app.lastReceiptMs, 99)];
      const [r50, r99] = [percentile(raw.lastReceiptMs, 50), percentile(raw.lastReceiptMs, 99)];
      console.log(
        `${label}: last receipt p50 ${ms(p50)} (raw ${ms(r50)}, ${ratio(p50, r50)}), p99 ${ms(p99)} (raw ${ms(r99)}, ${ratio(p99, r99)})`,
      );
      console.log(
        `${" ".repeat(label.length)}  server CPU per change ${ms(app.cpuPerChangeMs)} (raw ${ms(raw.cpuPerChangeMs)}, ${ratio(app.cpuPerChangeMs, raw.cpuPerChangeMs)}),` +
          ` heap per idle subscriber ${app.heapPerSubscriberKb.toFixed(2)} KB (raw ${raw.heapPerSubscriberKb.toFixed(2)} KB, ${ratio(app.heapPerSubscriberKb, raw.heapPerSubscriberKb)})`,
      );
      return { p99, r99 };
    };
    console.log(
      `One meeting, ${CHANGES} token changes through the command path; a raw ws broadcast of the same frame beside it`,
    );
    const at1k = line("1,000 subscribers", app1k, raw1k);
    const raw5k = await measureRaw(server, setup, 5_000);
    const app5k = await measureApp(server, setup, 5_000, seq);
    const at5k = line("5,000 subscribers", app5k, raw5k);
    const pages = await emulatedPages(server, setup, 200, seq);
    console.log(
      `200 emulated room pages (folding every message): token change shown on all, p50 ${ms(percentile(pages, 50))}, p99 ${ms(percentile(pages, 99))}`,
    );
    const memOk = app1k.heapPerSubscriberKb <= 2 * raw1k.heapPerSubscriberKb;
    console.log(
      `targets: p99 <= 1.5x raw at 1,000: ${at1k.p99 <= 1.5 * at1k.r99 ? "met" : "MISSED"}; ` +
        `memory <= 2x raw per subscriber: ${memOk ? "met" : "MISSED"}; ` +
        `p99 <= 250 ms at 5,000: ${at5k.p99 <= 250 ? "met" : "MISSED"}` +
        `  (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs; clients share the machine)`,
    );
  } finally {
    server.stop();
  }
}
