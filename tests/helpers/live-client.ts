// Following a room's live stream from Node as a browser would: the messages as they come, and
// the room folded from them with the browser's own function (core/room/stream.ts).
import type { createTRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { applyLiveMessage, type LiveMessage, type RoomView } from "@/core/room/stream";

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface Follower {
  messages: LiveMessage[];
  /** The room as folded so far (null until a snapshot or a starting view). */
  view: RoomView | null;
  /** The tracked ids the stream gave, in order. */
  ids: string[];
  error: { data?: { code?: string } | null; message: string } | null;
  completed: boolean;
  started: Promise<void>;
  /** Waits until `test` holds (checked after every message), or fails after `ms`. */
  until(test: (f: Follower) => boolean, what?: string, ms?: number): Promise<Follower>;
  /** The events received (in order). */
  events(): Extract<LiveMessage, { t: "event" }>["e"][];
  stop(): void;
}

export function follow(
  client: Client,
  meetingId: string,
  opts: { lastEventId?: number | null; view?: RoomView } = {},
): Follower {
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  let started!: () => void;
  const f: Follower = {
    messages: [],
    view: opts.view ?? null,
    ids: [],
    error: null,
    completed: false,
    started: new Promise<void>((r) => (started = r)),
    async until(test, what = "the expected messages", ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!test(f)) {
        if (f.error) throw new Error(`stream failed: ${f.error.message}`);
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(f.messages.map((m) => m.t))}`);
        }
        await new Promise<void>((r) => {
          const done = () => {
            waiters.delete(done);
            r();
          };
          waiters.add(done);
          setTimeout(done, 50);
        });
      }
      return f;
    },
    events: () => f.messages.flatMap((m) => (m.t === "event" ? [m.e] : [])),
    stop: () => sub.unsubscribe(),
  };
  const sub = client.live.stream.subscribe(
    { meetingId, lastEventId: opts.lastEventId ?? null },
    {
      onStarted: () => started(),
      onData: ({ id, data }) => {
        const message = data as LiveMessage;
        f.ids.push(id);
        f.messages.push(message);
        if (message.t === "snapshot") f.view = message.view;
        else if (f.view) f.view = applyLiveMessage(f.view, message);
        wake();
      },
      onError: (e) => {
        f.error = e as Follower["error"];
        started();
        wake();
      },
      onComplete: () => {
        f.completed = true;
        wake();
      },
    },
  );
  return f;
}
