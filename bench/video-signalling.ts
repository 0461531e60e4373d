// Video signalling round trip (part of the `video` section of `npm run bench`): two people in a
// call, each following the room over the app's real WebSocket with their own session; A sends a
// WebRTC signal addressed to B (the browser's `live.send` on channel "signal", `to` B), B sends
// it straight back, A times the round trip. Two sizes: an ICE candidate (what most signals are)
// and a 6.5 KB SDP offer (Chromium's offers run 5-6.5 KB). Beside it, in the same run, a raw `ws`
// server relays the same frames between two raw connections. Printed as ratios.
// Target: p99 <= 100 ms for both sizes, so that a negotiation (an offer, an answer and a few
// candidates) settles well within half a second. The ratio to raw ws is printed beside it: each
// hop is a tRPC mutation that re-reads the sender's session and checks both are in the call,
// where raw ws only forwards bytes, so a few milliseconds per hop is the price of those checks.
import { performance } from "node:perf_hooks";
import type WebSocket from "ws";
import type { z } from "zod";
import type { LiveMessage } from "@/core/room/stream";
import type { liveSendInput } from "@/lib/schemas/live";
import type { SignalBody } from "@/lib/schemas/video";
import { dataFrame, followers, rawFollowers, startServer, type Setup } from "./live-client";
import { ms, percentile, ratio } from "./stats";

const ROUND_TRIPS = 100;
const WARM_UP = 10;
/**
 * One round trip started every 50 ms at most (20 per second, two messages each): the ephemeral
 * limiter allows a burst and then 60 messages a second per person, and a call's negotiation is
 * a handful of messages, not a flood. Back to back, the bench would measure the limiter.
 */
const PACE_MS = 50;

const CANDIDATE: SignalBody = {
  kind: "candidate",
  session: "bench-a",
  candidate:
    "candidate:842163049 1 udp 1677729535 192.0.2.10 61000 typ srflx raddr 0.0.0.0 rport 0 generation 0",
  sdpMid: "0",
  sdpMLineIndex: 0,
};
const OFFER: SignalBody = {
  kind: "description",
  session: "bench-a",
  type: "offer",
  sdp: `v=0\r\n${"a=x".repeat(2_165)}`,
};

/** One side's way of sending a signal to the other, and of hearing the other's. */
interface Pair {
  send: (from: 0 | 1, body: SignalBody) => void;
  /** Called with (receiver, body) for each signal that arrives. */
  onSignal: (handler: (to: 0 | 1, body: SignalBody) => void) => void;
  close: () => void;
}

const signalOf = (m: LiveMessage) =>
  m.t === "ephemeral" && m.channel === "signal" ? (m.body as SignalBody) : null;

async function appPair(setup: Setup, seq: number): Promise<Pair> {
  let handler: (to: 0 | 1, body: SignalBody) => void = () => undefined;
  const sockets: WebSocket[] = [];
  for (const i of [0, 1] as const) {
    const [ws] = await followers(
      setup,
      1,
      seq,
      (m) => {
        const body = signalOf(m);
        if (body) handler(i, body);
      },
      i,
    );
    ws.on("message", (data) => {
      if (data.toString().includes('"error":')) throw new Error(`live.send refused: ${data.toString()}`);
    });
    sockets.push(ws);
  }
  let opId = 1; // 1 is each socket's own live.stream, as on the room page
  return {
    send: (from, body) => {
      const input: z.input<typeof liveSendInput> = {
        meetingId: setup.meetingId,
        channel: "signal",
        to: setup.userIds[1 - from],
        body,
      };
      sockets[from].send(
        JSON.stringify({ id: ++opId, method: "mutation", params: { input, path: "live.send" } }),
      );
    },
    onSignal: (h) => (handler = h),
    close: () => sockets.forEach((ws) => ws.terminate()),
  };
}

async function rawPair(setup: Setup, seq: number): Promise<Pair> {
  let handler: (to: 0 | 1, body: SignalBody) => void = () => undefined;
  const sockets: WebSocket[] = [];
  for (const i of [0, 1] as const) {
    const [ws] = await rawFollowers(setup, 1, (m) => {
      const body = signalOf(m);
      if (body) handler(i, body);
    });
    sockets.push(ws);
  }
  return {
    send: (from, body) =>
      sockets[from].send(
        dataFrame(seq, {
          t: "ephemeral",
          from: setup.userIds[from],
          channel: "signal",
          to: setup.userIds[1 - from],
          body,
        }),
      ),
    onSignal: (h) => (handler = h),
    close: () => sockets.forEach((ws) => ws.terminate()),
  };
}

/** Round trips of `body`, A to B and back; the first WARM_UP are not counted. */
async function roundTrips(pair: Pair, body: SignalBody): Promise<number[]> {
  let back: (() => void) | null = null;
  pair.onSignal((to, b) => {
    if (to === 1)
      pair.send(1, b); // B answers at once
    else back?.();
  });
  const times: number[] = [];
  for (let k = 0; k < WARM_UP + ROUND_TRIPS; k++) {
    const t0 = performance.now();
    const paced = new Promise((r) => setTimeout(r, PACE_MS));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("a signal did not come back within 10 s")), 10_000);
      back = () => {
        clearTimeout(timer);
        resolve();
      };
      pair.send(0, body);
    });
    if (k >= WARM_UP) times.push(performance.now() - t0);
    await paced;
  }
  return times;
}

export async function signallingBench() {
  const server = await startServer();
  try {
    const setup = await server.call<Setup>({ cmd: "setup", members: 2 });
    const seq = await server.call<number>({ cmd: "joinVideo", members: 2 });
    const app = await appPair(setup, seq);
    const raw = await rawPair(setup, seq);
    console.log(`signalling round trip, A -> B -> A, ${ROUND_TRIPS} each (after ${WARM_UP} not counted)`);
    for (const [name, body] of [
      ["ICE candidate", CANDIDATE],
      ["6.5 KB SDP offer", OFFER],
    ] as const) {
      // Taking turns, raw first: the machine's noise falls on both.
      const rawTimes = await roundTrips(raw, body);
      const appTimes = await roundTrips(app, body);
      const [a50, a99, r50, r99] = [
        percentile(appTimes, 50),
        percentile(appTimes, 99),
        percentile(rawTimes, 50),
        percentile(rawTimes, 99),
      ];
      console.log(
        `  ${name.padEnd(17)} app p50 ${ms(a50)} p99 ${ms(a99)} | raw ws p50 ${ms(r50)} p99 ${ms(r99)} | p50 ${ratio(a50, r50)}, p99 ${ratio(a99, r99)} (target p99 <= 100 ms: ${a99 <= 100 ? "met" : "MISSED"})`,
      );
    }
    app.close();
    raw.close();
  } finally {
    server.stop();
  }
}
