import type { MeetingEvent, RecordedEvent } from "../events";
import type { FeedbackGivenEvent, Rating } from "../feedback";

// An event as a viewer receives it: the log's event, or the same event with what this viewer
// may not see taken out (see disclose.ts). The room fold (fold.ts) accepts both, so the server
// and the browser fold with one function.

/** A rating as someone other than its author sees it: never who, and what only for the staff. */
interface FeedbackSeenEvent {
  type: "feedback.given";
  userId: string | null;
  rating: Rating | null;
  comment: string | null;
}

export type VisibleEvent = Exclude<MeetingEvent, FeedbackGivenEvent> | FeedbackSeenEvent;

/** One event of a meeting's log on its way to a viewer (JSON-safe: the time is ISO-8601). */
export interface RoomEnvelope<E extends VisibleEvent = VisibleEvent> {
  seq: number;
  at: string;
  actorId: string | null;
  event: E;
  /** Display names of accounts this event names for the first time (they are not in the log). */
  names?: Record<string, string>;
  /** The log as stored was verified through this sequence number when the event was appended. */
  verified?: number;
}

export const toRoomEnvelope = (r: RecordedEvent): RoomEnvelope<MeetingEvent> => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actorId: r.actorId,
  event: r.event,
});

/** Every account an event refers to, so that each can be named in the room. */
export function referencedIds(env: Pick<RoomEnvelope, "actorId" | "event">): string[] {
  const e = env.event;
  const ids = new Set<string>();
  if (env.actorId) ids.add(env.actorId);
  if ("userId" in e && e.userId) ids.add(e.userId);
  if (e.type === "proposal.closed") for (const id of [...e.entitledIds, ...e.presentIds]) ids.add(id);
  return [...ids];
}
