// The server side of the real-time benchmarks (bench/fanout.ts, canvas.ts, video.ts), in a process of
// its own so that its CPU and heap are its own: the app's real WebSocket server (ws-server.ts, the
// room hub) on a SQLite database with one meeting of N members, and, beside it, a raw `ws` server
// that sends the same frame to every connection, or relays what one connection sends to all the
// others. Driven over IPC by the benchmark (bench/live-client.ts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocketServer } from "ws";
import { migrate } from "@/server/db/migrate";
import { createPrisma } from "@/server/db/client";
import { systemClock } from "@/server/clock";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { createRealtime } from "@/server/realtime/realtime-deps";
import { attachTrpcWebSocket } from "@/server/realtime/ws-server";
import { createSecretBox, generateKeyEntry, parseKeyring } from "@/server/security/secret-box";
import type { Deps } from "@/server/deps";
import type { MeetingEvent } from "@/core/events";
import { runSystemCommand } from "@/server/services/event-log";
import { createMeeting } from "@/server/services/meetings";
import { releaseToken, requestToken } from "@/server/services/tokens";
import { joinVideo } from "@/server/services/video";

export type ServerRequest =
  | { cmd: "setup"; members: number }
  | { cmd: "heap" }
  | { cmd: "cpuStart" }
  | { cmd: "cpuStop" }
  | { cmd: "change" }
  | { cmd: "joinVideo"; members: number }
  | { cmd: "rawBroadcast"; frame: string }
  | { cmd: "rawClose" };

const gc = (globalThis as { gc?: () => void }).gc;
let deps: Deps;
let meetingId = "";
let speaker = { userId: "", globalRole: "USER" as const, name: "", email: "" };
let holding = false;
let cpuAt: NodeJS.CpuUsage | null = null;
let raw: WebSocketServer;

const listen = (server: Server) =>
  new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as AddressInfo).port)));

async function setup(members: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url, { log: () => {} });
  const db = createPrisma(url);
  const bus = new MemoryEventBus();
  deps = {
    db,
    bus,
    clock: systemClock,
    ...createRealtime(db, bus, systemClock),
    secrets: createSecretBox(parseKeyring(generateKeyEntry("bench"))),
  };
  const users = Array.from({ length: members + 1 }, (_, i) => ({
    id: `u_bench_${String(i).padStart(5, "0")}`,
    name: `Member ${i}`,
    email: `m${i}@live.bench`,
    passwordHash: "-",
  }));
  await db.user.createMany({ data: users });
  const host = {
    userId: users[0].id,
    globalRole: "USER" as const,
    name: users[0].name,
    email: users[0].email,
  };
  ({ meetingId } = await createMeeting({ ...deps, session: host }, { title: "Bench", description: "" }));
  // Everyone joins at once, 500 a command (recorded as the server's own events).
  for (let i = 1; i < users.length; i += 500) {
    const events: MeetingEvent[] = users
      .slice(i, i + 500)
      .map((u) => ({ type: "member.joined", userId: u.id, role: "PARTICIPANT" }));
    await runSystemCommand(deps, meetingId, () => ({ events, result: null }));
  }
  speaker = { ...speaker, userId: users[1].id, name: users[1].name, email: users[1].email };
  // The room stays loaded throughout (a subscriber that ignores what it gets), so that the heap
  // measured per subscriber is what each one adds, not the room's own fold of 5,000 members.
  await deps.live.subscribe({
    meetingId,
    viewer: { userId: host.userId, globalRole: "USER" },
    connectionId: "bench-anchor",
    lastEventId: null,
    sink: { deliver: () => undefined, end: () => undefined },
  });
  const app = createServer((_, res) => res.end());
  attachTrpcWebSocket(app, deps);
  raw = new WebSocketServer({ server: createServer(), perMessageDeflate: false });
  // What a raw connection sends goes to every other one as it is: the floor of a relayed message
  // (the canvas's strokes). The fan-out's raw connections never send.
  raw.on("connection", (from) =>
    from.on("message", (frame, isBinary) => {
      for (const client of raw.clients) if (client !== from) client.send(frame, { binary: isBinary });
    }),
  );
  const rawServer = raw.options.server as Server;
  return {
    appPort: await listen(app),
    rawPort: await listen(rawServer),
    meetingId,
    userIds: users.slice(1).map((u) => u.id),
    lastSeq: (await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq,
  };
}

async function handle(request: ServerRequest): Promise<unknown> {
  switch (request.cmd) {
    case "setup":
      return setup(request.members);
    case "heap":
      for (let i = 0; i < 4; i++) gc?.();
      return process.memoryUsage().heapUsed;
    case "cpuStart":
      cpuAt = process.cpuUsage();
      return null;
    case "cpuStop": {
      const used = process.cpuUsage(cpuAt ?? undefined);
      return (used.user + used.system) / 1000;
    }
    case "change": {
      // One event per change: the first member (userIds[0]) takes the free floor, then gives it
      // back. After one change they hold it, which is how the canvas's drawer gets the floor.
      const { seq } = await (holding ? releaseToken : requestToken)(
        { ...deps, session: speaker },
        { meetingId },
      );
      holding = !holding;
      return seq;
    }
    case "joinVideo": {
      // Members userIds[0..n-1] join the call through the command path: signals pass only
      // between people in the call. Returns the log's head after the joins.
      const members = await deps.db.membership.findMany({
        where: { meetingId, role: "PARTICIPANT" },
        orderBy: { userId: "asc" },
        take: request.members,
      });
      for (const m of members) {
        const session = {
          userId: m.userId,
          globalRole: "USER" as const,
          name: m.userId,
          email: `${m.userId}@live.bench`,
        };
        await joinVideo({ ...deps, session }, { meetingId, camera: true, microphone: true });
      }
      return (await deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq;
    }
    case "rawBroadcast":
      for (const client of raw.clients) client.send(request.frame);
      return null;
    case "rawClose":
      for (const client of raw.clients) client.terminate();
      return null;
  }
}

process.on("message", (message: { id: number; request: ServerRequest }) => {
  void handle(message.request).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: String(error) }),
  );
});
process.send!({ ready: true });
