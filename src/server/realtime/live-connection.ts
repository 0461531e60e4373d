import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { RawData, WebSocket } from "ws";
import type { Deps } from "@/server/deps";
import { sessionNow, type claimsFromCookieHeader, type SessionUser } from "@/server/auth/session";
import type { LiveMessage } from "@/core/room/stream";
import { liveStreamInput } from "@/lib/schemas/live";
import type { LiveSink } from "./live-room";

// One WebSocket connection. The room's live stream (`live.stream`) is served here, in tRPC's
// wire format, by writing each message the room serialised once straight to the socket: a
// thousand subscribers cost a thousand socket writes per event and no per-subscriber iterator.
// Everything else (mutations over the socket, a subscription this path refuses) goes to tRPC's
// own connection handler, created the first time it is needed, so an idle subscriber carries
// none of its per-connection state. When this path cannot serve a subscription (no session,
// bad input, refused), tRPC runs the procedure and answers with its usual error.

const LIVE_PATH = "live.stream";
const OPEN = 1;
/** A client this far behind is dropped (it reconnects and resumes from its last event). */
const MAX_BUFFERED_BYTES = 8 << 20;

type SessionClaimsOf = NonNullable<Awaited<ReturnType<typeof claimsFromCookieHeader>>>;
type TrpcConnectionHandler = (client: WebSocket, req: IncomingMessage) => void;
type MessageListener = (data: RawData, isBinary: boolean) => void;

interface WireMessage {
  id?: string | number | null;
  method?: string;
  params?: { path?: string; input?: unknown; lastEventId?: unknown };
}

/**
 * The frame of one message for one subscription. A broadcast hands every subscriber the same
 * `json`: the frame is built and encoded once per subscription id (usually one or two for a whole
 * room), not once per socket.
 */
const frames = { json: "", seq: -1, byOpId: new Map<string, Buffer>() };
function trackedFrame(opId: string, seq: number, json: string): Buffer {
  if (frames.json !== json || frames.seq !== seq) {
    frames.json = json;
    frames.seq = seq;
    frames.byOpId.clear();
  }
  let frame = frames.byOpId.get(opId);
  if (!frame) {
    const id = `"${seq}"`;
    frame = Buffer.from(
      `{"id":${opId},"result":{"type":"data","id":${id},"data":{"id":${id},"data":${json}}}}`,
    );
    frames.byOpId.set(opId, frame);
  }
  return frame;
}

/** A subscription served on this connection: messages wait until "started" has been sent. */
class SocketSink implements LiveSink {
  private pending: Buffer[] | null = [];
  stop: (() => void) | null = null;
  ended = false;

  constructor(
    private readonly connection: LiveConnection,
    readonly opId: string,
  ) {}

  deliver(seq: number, _message: LiveMessage, json: string): void {
    const frame = trackedFrame(this.opId, seq, json);
    if (this.pending) this.pending.push(frame);
    else this.connection.write(frame);
  }

  /** Says "started", then sends what the room gave before that. */
  start(): void {
    this.connection.write(`{"id":${this.opId},"result":{"type":"started"}}`);
    for (const frame of this.pending ?? []) this.connection.write(frame);
    this.pending = null;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.pending) this.connection.write(`{"id":${this.opId},"result":{"type":"stopped"}}`);
    this.connection.forget(this);
    this.stop?.();
  }
}

const byFacade = new WeakMap<object, LiveConnection>();

export class LiveConnection {
  readonly id = randomUUID();
  /** The signed-in user, once the session is resolved (null: none). */
  userId: string | null = null;
  private readonly streams = new Map<string, SocketSink>();
  private trpcListener: MessageListener | null = null;
  private heard = true;
  private pinged = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly req: IncomingMessage,
    private readonly claims: Promise<SessionClaimsOf | null>,
    readonly session: Promise<SessionUser | null>,
    readonly clientIp: string | undefined,
    private readonly deps: Deps,
    private readonly trpc: TrpcConnectionHandler,
    onClose: () => void,
  ) {
    void session.then((s) => (this.userId = s?.userId ?? null));
    ws.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    ws.once("close", () => {
      for (const sink of [...this.streams.values()]) sink.end();
      onClose();
    });
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** The session this connection's cookie gives now (tRPC calls over the socket check it each time). */
  async sessionNow(): Promise<SessionUser | null> {
    return sessionNow(this.deps.db, await this.claims, this.deps.clock.now());
  }

  /** The connection behind the socket facade tRPC's handler was given. */
  static of(facade: unknown): LiveConnection {
    const connection = byFacade.get(facade as object);
    if (!connection) throw new Error("not a live connection");
    return connection;
  }

  write(frame: string | Buffer): void {
    if (this.ws.readyState !== OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    // Text frames, also when the frame is already encoded: tRPC's client reads text.
    this.ws.send(frame, { binary: false });
  }

  forget(sink: SocketSink): void {
    if (this.streams.get(sink.opId) === sink) this.streams.delete(sink.opId);
  }

  /** Keep-alive: ping a connection that said nothing since the last sweep; drop one that stayed silent. */
  sweep(): void {
    if (this.heard) {
      this.heard = false;
      this.pinged = false;
      return;
    }
    if (this.pinged) {
      this.ws.terminate();
      return;
    }
    this.pinged = true;
    this.write("PING");
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.heard = true;
    if (!isBinary) {
      const text = data.toString();
      if (text === "PONG") return;
      if (text === "PING") return this.write("PONG");
    }
    let parsed: WireMessage | WireMessage[];
    try {
      parsed = JSON.parse(data.toString()) as WireMessage | WireMessage[];
    } catch {
      return this.toTrpc(data, isBinary); // tRPC answers the parse error
    }
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    const rest: WireMessage[] = [];
    for (const m of messages) {
      const opId = m?.id === undefined || m.id === null ? null : JSON.stringify(m.id);
      if (opId && m.method === "subscription" && m.params?.path === LIVE_PATH && !this.streams.has(opId)) {
        void this.serveLive(opId, m);
      } else if (opId && m.method === "subscription.stop" && this.streams.has(opId)) {
        this.streams.get(opId)!.end();
      } else {
        rest.push(m);
      }
    }
    if (rest.length === messages.length) return this.toTrpc(data, isBinary);
    if (rest.length) this.toTrpc(Buffer.from(JSON.stringify(rest.length === 1 ? rest[0] : rest)), false);
  }

  private async serveLive(opId: string, message: WireMessage): Promise<void> {
    const sink = new SocketSink(this, opId);
    this.streams.set(opId, sink);
    const params = message.params ?? {};
    const input = liveStreamInput.safeParse({
      ...(typeof params.input === "object" && params.input !== null ? params.input : {}),
      ...(params.lastEventId !== undefined ? { lastEventId: params.lastEventId } : {}),
    });
    const session = await this.session;
    try {
      if (!input.success || !session || session.restriction) throw new Error("not for the lean path");
      sink.stop = await this.deps.live.subscribe({
        meetingId: input.data.meetingId,
        viewer: { userId: session.userId, globalRole: session.globalRole },
        connectionId: this.id,
        lastEventId: input.data.lastEventId ?? null,
        sink,
      });
    } catch {
      // Refused, or not ours to judge: tRPC runs the procedure and answers in its own words.
      this.forget(sink);
      return this.toTrpc(Buffer.from(JSON.stringify(message)), false);
    }
    if (this.ws.readyState !== OPEN || sink.ended) {
      sink.stop();
      return;
    }
    sink.start();
  }

  /** Hands a frame to tRPC's connection handler, creating it on first use. */
  private toTrpc(data: RawData, isBinary: boolean): void {
    if (!this.trpcListener) {
      const ws = this.ws;
      // The handler sees the socket through this facade, so its message listener is ours to call.
      const facade = {
        get readyState() {
          return ws.readyState;
        },
        send: (frame: string) => this.write(frame),
        close: (code?: number, reason?: string) => ws.close(code, reason),
        terminate: () => ws.terminate(),
        on: (event: string, listener: MessageListener) => {
          if (event === "message") this.trpcListener = listener;
          else ws.on(event, listener);
          return facade;
        },
        once: (event: string, listener: () => void) => {
          ws.once(event, listener);
          return facade;
        },
      };
      byFacade.set(facade, this);
      this.trpc(facade as unknown as WebSocket, this.req);
    }
    this.trpcListener?.(data, isBinary);
  }
}
