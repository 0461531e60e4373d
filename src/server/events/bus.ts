import type { MeetingEvent } from "@/core/events";

/** A committed event as it travels to subscribers (JSON-safe: the time is an ISO string). */
export interface EventEnvelope {
  meetingId: string;
  seq: number;
  at: string;
  actorId: string | null;
  event: MeetingEvent;
}

export type Listener<T> = (message: T) => void;

/**
 * Publishes committed events to every process serving a meeting. Topics are strings
 * (`events:<meetingId>`, `presence`); messages are JSON-safe values.
 */
export interface EventBus {
  publish(topic: string, message: unknown): Promise<void>;
  subscribe(topic: string, listener: Listener<unknown>): () => void;
  close(): Promise<void>;
}

export const eventsTopic = (meetingId: string) => `events:${meetingId}`;
/** One topic for every room's presence messages between processes (realtime/presence.ts). */
export const PRESENCE_TOPIC = "presence";
