export type Listener<T> = (message: T) => void;

/**
 * Carries small messages between every process serving the app. Topics are strings
 * (`events:<meetingId>`, `ephemeral:<meetingId>`, `presence`...); messages are JSON-safe values.
 * Committed events travel as pointers (CommittedPointer): each process reads the rows itself.
 */
export interface EventBus {
  publish(topic: string, message: unknown): Promise<void>;
  subscribe(topic: string, listener: Listener<unknown>): () => void;
  close(): Promise<void>;
}

/** "Meeting M's log now reaches seq S": every process's live room reads what it has not folded. */
export interface CommittedPointer {
  meetingId: string;
  seq: number;
}

export const eventsTopic = (meetingId: string) => `events:${meetingId}`;
/** Messages that never enter the log (pointers, strokes in progress, WebRTC signals). */
export const ephemeralTopic = (meetingId: string) => `ephemeral:${meetingId}`;
/** One topic for every room's presence messages between processes (realtime/presence.ts). */
export const PRESENCE_TOPIC = "presence";
