// The client side of the real-time benchmarks (bench/fanout.ts, bench/canvas.ts): the server
// process (bench/live-server.ts) forked and called over IPC, members' connections to the app's
// real WebSocket with sessions minted as next-auth mints them, and receipts counted per message.
import { fork, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { encode } from "next-auth/jwt";
import type { LiveMessage } from "@/core/room/stream";
import { TRPC_WS_PATH } from "@/lib/trpc/paths";
import type { ServerRequest } from "./live-server";

const SECRET = "bench-secret-0123456789abcdef0123456789";
const CONNECT_BATCH = 200;

/** What the server's "setup" answers: the meeting, its members (userIds[0] is the speaker), ports. */
export interface Setup {
  appPort: number;
  rawPort: number;
  meetingId: string;
  userIds: string[];
  lastSeq: number;
}

/** The server process, and a promise-returning call per IPC request. */
export function startServer(): Promise<{ call: <T>(r: ServerRequest) => Promise<T>; stop(): void }> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./live-server.ts", import.meta.url)), [], {
    execArgv: ["--expose-gc", "--max-old-space-size=4096", "--import", "tsx"],
    env: { ...process.env, NEXTAUTH_SECRET: SECRET, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
    child.on("message", (m: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
      if (m.ready) {
        resolve({
          call: <T>(request: ServerRequest) =>
            new Promise<T>((res, rej) => {
              const id = ++next;
              pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
              child.send({ id, request });
            }),
          stop: () => child.kill("SIGKILL"),
        });
        return;
      }
      const p = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m.result);
    });
  });
}

export type Server = Awaited<ReturnType<typeof startServer>>;

/** Where every client reports the key (an event's seq, a point's index) of each message it receives. */
export class Receipts {
  private counts = new Map<number, number>();
  private waiters = new Map<number, { want: number; done: (t: number) => void }>();

  got(key: number): void {
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    const w = this.waiters.get(key);
    if (w && n >= w.want) {
      this.waiters.delete(key);
      w.done(performance.now());
    }
  }

  /** Resolves with the time the `want`-th receipt of `key` arrived. */
  all(key: number, want: number): Promise<number> {
    if ((this.counts.get(key) ?? 0) >= want) return Promise.resolve(performance.now());
    return new Promise((done) => this.waiters.set(key, { want, done }));
  }
}

export async function inBatches<T>(n: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += CONNECT_BATCH) {
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, n - i) }, (_, k) => open(i + k)))),
    );
  }
  return out;
}

const opened = (ws: WebSocket) =>
  new Promise<WebSocket>((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });

/** The stream message a tRPC data frame carries (null for anything else). */
const messageOf = (text: string) =>
  (JSON.parse(text) as { result?: { data?: { data?: LiveMessage } } }).result?.data?.data ?? null;

/**
 * The frame the app's lean path (live-connection.ts) writes for `message` to a subscriber at
 * `seq` on subscription 1: what the raw servers send, so that the floor moves the same bytes.
 */
export function dataFrame(seq: number, message: LiveMessage): string {
  const id = JSON.stringify(String(seq));
  return `{"id":1,"result":{"type":"data","id":${id},"data":{"id":${id},"data":${JSON.stringify(message)}}}}`;
}

type OnMessage = (message: LiveMessage, frameBytes: number) => void;

/**
 * Member `i`'s connection to the app with their own session, following the room (from
 * `lastEventId`, or from a snapshot when null); `onMessage` gets each stream message and the
 * size of the frame that carried it.
 */
export async function follower(
  setup: Setup,
  i: number,
  lastEventId: number | null,
  onMessage: OnMessage,
): Promise<WebSocket> {
  const token = await encode({ token: { sub: setup.userIds[i], sv: 0 }, secret: SECRET });
  const ws = await opened(
    new WebSocket(`ws://127.0.0.1:${setup.appPort}${TRPC_WS_PATH}`, {
      headers: { cookie: `next-auth.session-token=${token}` },
      perMessageDeflate: false,
    }),
  );
  ws.on("message", (data) => {
    const text = data.toString();
    if (text === "PING") return ws.send("PONG");
    const message = messageOf(text);
    if (message) onMessage(message, Buffer.byteLength(text));
  });
  const input = { meetingId: setup.meetingId, lastEventId };
  ws.send(JSON.stringify({ id: 1, method: "subscription", params: { path: "live.stream", input } }));
  return ws;
}

/** Members `first` to `first + n - 1` following the room; resolves once all have caught up. */
export async function followers(
  setup: Setup,
  n: number,
  lastEventId: number | null,
  onMessage: OnMessage,
  first = 0,
): Promise<WebSocket[]> {
  let ready = 0;
  const sockets = await inBatches(n, (i) =>
    follower(setup, first + i, lastEventId, (m, bytes) => (m.t === "ready" ? ready++ : onMessage(m, bytes))),
  );
  while (ready < n) await new Promise((r) => setTimeout(r, 20));
  return sockets;
}

/** N raw connections to the raw server, reading its frames as a page reads the app's. */
export async function rawFollowers(setup: Setup, n: number, onMessage: OnMessage): Promise<WebSocket[]> {
  return inBatches(n, async () => {
    const ws = await opened(new WebSocket(`ws://127.0.0.1:${setup.rawPort}`, { perMessageDeflate: false }));
    ws.on("message", (data) => {
      const text = data.toString();
      const message = messageOf(text);
      if (message) onMessage(message, Buffer.byteLength(text));
    });
    return ws;
  });
}
