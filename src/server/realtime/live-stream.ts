import { randomUUID } from "node:crypto";
import { tracked } from "@trpc/server";
import type { Deps } from "@/server/deps";
import type { LiveMessage } from "@/core/room/stream";
import type { Viewer } from "@/core/roles";
import type { LiveSink } from "./live-room";

/**
 * A subscriber's messages as an async queue, for the tRPC generator below. One abort listener
 * for the whole subscription (never one per wait), and nothing kept once a message is yielded.
 */
class QueueSink implements LiveSink {
  private items: { seq: number; message: LiveMessage }[] = [];
  private wake: (() => void) | null = null;
  ended = false;

  constructor(signal: AbortSignal | undefined) {
    signal?.addEventListener("abort", () => this.end(), { once: true });
    if (signal?.aborted) this.ended = true;
  }

  deliver(seq: number, message: LiveMessage): void {
    this.items.push({ seq, message });
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  drain() {
    const out = this.items;
    this.items = [];
    return out;
  }

  /** Resolves when a message arrives or the stream ends. */
  wait(): Promise<void> {
    if (this.items.length || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
    });
  }
}

/**
 * The live room through tRPC's own subscription machinery: what createCaller and any client
 * reaches when the WebSocket's lean path (ws-server.ts) does not serve the subscription itself.
 * Same hub, same messages, each tracked by the last event sent.
 */
export async function* liveStream(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; lastEventId?: number | null },
  signal: AbortSignal | undefined,
  connectionId: string = randomUUID(),
) {
  const sink = new QueueSink(signal);
  const stop = await deps.live.subscribe({
    meetingId: input.meetingId,
    viewer: { userId: viewer.userId, globalRole: viewer.globalRole },
    connectionId,
    lastEventId: input.lastEventId ?? null,
    sink,
  });
  try {
    while (true) {
      for (const { seq, message } of sink.drain()) yield tracked(String(seq), message);
      if (sink.ended) return;
      await sink.wait();
    }
  } finally {
    stop();
  }
}
