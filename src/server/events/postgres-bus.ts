import { randomUUID } from "node:crypto";
import pg from "pg";
import type { EventBus, Listener } from "./bus";
import { MemoryEventBus } from "./memory-bus";

const CHANNEL = "orchestrasec_events";
/** NOTIFY refuses payloads of 8000 bytes or more (bytes of UTF-8, not characters). */
const MAX_NOTIFY_BYTES = 7_900;
/** Raw bytes per chunk: a multiple of 3, so each chunk's base64 stands alone (7,200 characters). */
const CHUNK_BYTES = 5_400;
/** The largest message the bus carries, in bytes of JSON. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** How long the bus waits before listening again after its LISTEN connection was lost. */
const RELISTEN_MS = 1_000;
/** A message whose chunks do not all arrive within this time is dropped. */
const REASSEMBLY_MS = 10_000;

interface Chunk {
  /** Message id, chunk index, chunk count, base64 of the chunk's bytes. */
  c: string;
  i: number;
  n: number;
  d: string;
}

/**
 * Fans messages out to every process connected to the same PostgreSQL database, through
 * LISTEN/NOTIFY. Every process (the publisher included) delivers what it hears to its local
 * listeners, so all processes see one order: the order Postgres delivers notifications in.
 * A message too large for one notification is cut into chunks sent in one statement (so in one
 * transaction, delivered together) and put back together by the listeners.
 */
export class PostgresEventBus implements EventBus {
  private readonly local = new MemoryEventBus();
  private listener: pg.Client;
  private readonly publisher: pg.Pool;
  private readonly ready: Promise<void>;
  private closed = false;
  private readonly partial = new Map<string, { parts: (string | undefined)[]; got: number; at: number }>();

  constructor(private readonly connectionString: string) {
    this.publisher = new pg.Pool({ connectionString, max: 2 });
    // A connection the server ends (a restart, a failover, an administrator) makes its client or
    // pool emit "error": unheard, that ends the whole process. The pool replaces its idle
    // connections by itself at the next query.
    this.publisher.on("error", (error) =>
      console.error("event bus: a publishing connection ended:", error.message),
    );
    const first = this.connectListener();
    this.listener = first.client;
    this.ready = first.listening;
  }

  /**
   * The LISTEN connection. When the server ends it, the bus listens again on a new one (what
   * was notified in between is missed: the rooms catch up from the log at the next pointer).
   */
  private connectListener(): { client: pg.Client; listening: Promise<void> } {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on("notification", (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const data = JSON.parse(msg.payload) as { topic: string; message: unknown } | Chunk;
      if ("c" in data) this.receiveChunk(data);
      else void this.local.publish(data.topic, data.message);
    });
    let lost = false;
    const relisten = (error?: Error) => {
      if (lost || this.closed || this.listener !== client) return;
      lost = true;
      console.error("event bus: the LISTEN connection ended, listening again:", error?.message ?? "closed");
      setTimeout(() => {
        if (this.closed) return;
        const next = this.connectListener();
        this.listener = next.client;
      }, RELISTEN_MS).unref();
    };
    client.on("error", relisten);
    client.on("end", () => relisten());
    const listening = client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => undefined);
    // The server is not there (yet, or again): try again a moment later.
    listening.catch((error: Error) => relisten(error));
    return { client, listening };
  }

  async publish(topic: string, message: unknown): Promise<void> {
    const payload = JSON.stringify({ topic, message });
    const bytes = Buffer.from(payload, "utf8");
    if (bytes.length > MAX_MESSAGE_BYTES) {
      throw new Error(`message too large for the bus (${bytes.length} bytes, at most ${MAX_MESSAGE_BYTES})`);
    }
    await this.ready;
    if (bytes.length <= MAX_NOTIFY_BYTES) {
      await this.publisher.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
      return;
    }
    const id = randomUUID();
    const n = Math.ceil(bytes.length / CHUNK_BYTES);
    const chunks = Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        c: id,
        i,
        n,
        d: bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES).toString("base64"),
      }),
    );
    const calls = chunks.map((_, i) => `pg_notify($1, $${i + 2})`).join(", ");
    await this.publisher.query(`SELECT ${calls}`, [CHANNEL, ...chunks]);
  }

  subscribe(topic: string, listener: Listener<unknown>): () => void {
    return this.local.subscribe(topic, listener);
  }

  /** Resolves once this process is listening (subscribers may then rely on delivery). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.ready.catch(() => undefined);
    await this.listener.end().catch(() => undefined);
    await this.publisher.end().catch(() => undefined);
    await this.local.close();
  }

  private receiveChunk(chunk: Chunk): void {
    const now = Date.now();
    for (const [id, p] of this.partial) if (now - p.at > REASSEMBLY_MS) this.partial.delete(id);
    const entry = this.partial.get(chunk.c) ?? {
      parts: new Array<string | undefined>(chunk.n),
      got: 0,
      at: now,
    };
    if (entry.parts[chunk.i] === undefined) entry.got += 1;
    entry.parts[chunk.i] = chunk.d;
    this.partial.set(chunk.c, entry);
    if (entry.got < chunk.n) return;
    this.partial.delete(chunk.c);
    const payload = Buffer.concat(entry.parts.map((d) => Buffer.from(d!, "base64"))).toString("utf8");
    const { topic, message } = JSON.parse(payload) as { topic: string; message: unknown };
    void this.local.publish(topic, message);
  }
}
