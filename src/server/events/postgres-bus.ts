import pg from "pg";
import type { EventBus, Listener } from "./bus";
import { MemoryEventBus } from "./memory-bus";

const CHANNEL = "orchestrasec_events";
// NOTIFY payloads are limited to 8000 bytes; events are small, anything larger is a bug.
const MAX_PAYLOAD = 7900;

/**
 * Fans events out to every process connected to the same PostgreSQL database, through
 * LISTEN/NOTIFY. Every process (the publisher included) delivers what it hears to its local
 * listeners, so all processes see one order: the order Postgres delivers notifications in.
 */
export class PostgresEventBus implements EventBus {
  private readonly local = new MemoryEventBus();
  private readonly listener: pg.Client;
  private readonly publisher: pg.Pool;
  private readonly ready: Promise<void>;

  constructor(connectionString: string) {
    this.listener = new pg.Client({ connectionString });
    this.publisher = new pg.Pool({ connectionString, max: 2 });
    this.listener.on("notification", (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const { topic, message } = JSON.parse(msg.payload) as { topic: string; message: unknown };
      void this.local.publish(topic, message);
    });
    this.ready = this.listener
      .connect()
      .then(() => this.listener.query(`LISTEN ${CHANNEL}`))
      .then(() => undefined);
  }

  async publish(topic: string, message: unknown): Promise<void> {
    const payload = JSON.stringify({ topic, message });
    if (payload.length > MAX_PAYLOAD) throw new Error(`event too large for NOTIFY (${payload.length} bytes)`);
    await this.ready;
    await this.publisher.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
  }

  subscribe(topic: string, listener: Listener<unknown>): () => void {
    return this.local.subscribe(topic, listener);
  }

  /** Resolves once this process is listening (subscribers may then rely on delivery). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.listener.end().catch(() => undefined);
    await this.publisher.end().catch(() => undefined);
    await this.local.close();
  }
}
