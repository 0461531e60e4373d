import { randomUUID } from "node:crypto";
import { tracked } from "@trpc/server";
import type { Deps } from "@/server/api/context";
import type { SessionUser } from "@/server/auth/session";
import { eventsTopic, type EventEnvelope } from "@/server/events/bus";
import { readSnapshot } from "@/server/services/snapshot";
import { authorize } from "@/server/services/authorize";
import { rowToEnvelope } from "@/server/services/event-records";

/** A queue that an async generator can wait on; the bus listener pushes into it. */
class Inbox<T> {
  private items: T[] = [];
  private wake: (() => void) | null = null;
  push = (item: T) => {
    this.items.push(item);
    this.wake?.();
  };
  drain(): T[] {
    const out = this.items;
    this.items = [];
    return out;
  }
  wait(signal: AbortSignal | undefined): Promise<void> {
    if (this.items.length || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
      signal?.addEventListener("abort", () => resolve(), { once: true });
    });
  }
}

async function missedEvents(deps: Deps, meetingId: string, after: number, upTo?: number) {
  const rows = await deps.db.auditEvent.findMany({
    where: { meetingId, seq: { gt: after, ...(upTo !== undefined ? { lte: upTo } : {}) } },
    orderBy: { seq: "asc" },
  });
  return rows.map(rowToEnvelope);
}

/**
 * A meeting's events in order, each tracked by its sequence number. Subscribes to the bus first,
 * then reads the log, so nothing slips between the two; a client resuming with its last id gets
 * exactly the events it missed. Gaps (events published out of order by other processes) are
 * filled from the log.
 */
export async function* meetingEventStream(
  deps: Deps,
  actor: SessionUser,
  meetingId: string,
  lastEventId: number | null,
  signal: AbortSignal | undefined,
) {
  const inbox = new Inbox<EventEnvelope>();
  const unsubscribe = deps.bus.subscribe(eventsTopic(meetingId), (m) => inbox.push(m as EventEnvelope));
  const connectionId = randomUUID();
  try {
    const snap = await readSnapshot(deps.db, meetingId);
    authorize(snap, actor, "meeting.view");
    deps.presence.enter(meetingId, actor.userId, connectionId);
    let last = lastEventId ?? snap.lastSeq;
    for (const e of lastEventId === null ? [] : await missedEvents(deps, meetingId, last)) {
      yield tracked(String(e.seq), e);
      last = e.seq;
    }
    while (!signal?.aborted) {
      for (const e of inbox.drain()) {
        if (e.seq <= last) continue;
        const batch = e.seq === last + 1 ? [e] : await missedEvents(deps, meetingId, last, e.seq);
        for (const x of batch) {
          yield tracked(String(x.seq), x);
          last = x.seq;
        }
      }
      await inbox.wait(signal);
    }
  } finally {
    unsubscribe();
    deps.presence.leave(meetingId, actor.userId, connectionId);
  }
}

/** Who is online in the room, sent again whenever it changes. */
export async function* presenceStream(
  deps: Deps,
  actor: SessionUser,
  meetingId: string,
  signal: AbortSignal | undefined,
) {
  const inbox = new Inbox<{ online: string[] }>();
  const unsubscribe = deps.presence.watch(meetingId, () =>
    inbox.push({ online: deps.presence.online(meetingId) }),
  );
  try {
    authorize(await readSnapshot(deps.db, meetingId), actor, "meeting.view");
    yield { online: deps.presence.online(meetingId) };
    while (!signal?.aborted) {
      const latest = inbox.drain().at(-1);
      if (latest) yield latest;
      await inbox.wait(signal);
    }
  } finally {
    unsubscribe();
  }
}
