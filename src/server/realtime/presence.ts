import { randomUUID } from "node:crypto";
import { PRESENCE_TOPIC, type EventBus } from "@/server/events/bus";
import { MemoryEventBus } from "@/server/events/memory-bus";

/**
 * What processes tell each other about their rooms' connections. Small messages, one per person
 * entering or leaving a room (NOTIFY payloads are limited), plus a heartbeat.
 */
type PresenceMessage =
  | { kind: "hello"; process: string }
  | { kind: "alive"; process: string }
  | { kind: "bye"; process: string }
  | { kind: "enter" | "leave"; process: string; meetingId: string; userId: string };

export interface PresenceOptions {
  /** How often a process says it is alive; one silent for three beats is forgotten. */
  heartbeatMs?: number;
  now?: () => number;
}

interface PeerView {
  heardAt: number;
  /** meetingId -> users connected through that process. */
  rooms: Map<string, Set<string>>;
}

/**
 * Who is connected to each meeting room right now, across every process sharing the event bus:
 * a user counts as online while at least one of their connections, on any process, is in the room.
 * Each process keeps its own connections and hears the others' through the bus; a process that
 * stops (even without saying so) drops out after three missed heartbeats.
 */
export class Presence {
  readonly processId = randomUUID();
  private readonly local = new Map<string, Map<string, Set<string>>>();
  private readonly peers = new Map<string, PeerView>();
  /** This process's listeners, by meeting: a local bus, never shared. */
  private readonly watchers = new MemoryEventBus();
  private readonly heartbeatMs: number;
  private readonly now: () => number;
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly bus: EventBus,
    { heartbeatMs = 5_000, now = Date.now }: PresenceOptions = {},
  ) {
    this.heartbeatMs = heartbeatMs;
    this.now = now;
    this.unsubscribe = bus.subscribe(PRESENCE_TOPIC, (m) => this.hear(m as PresenceMessage));
    this.timer = setInterval(() => this.heartbeat(), heartbeatMs);
    this.timer.unref();
    // Ask the others for what they have, so this process does not wait for their next change.
    this.send({ kind: "hello", process: this.processId });
  }

  online(meetingId: string): string[] {
    const users = new Set(this.local.get(meetingId)?.keys());
    for (const peer of this.peers.values()) for (const u of peer.rooms.get(meetingId) ?? []) users.add(u);
    return [...users];
  }

  /** Is `userId` connected to the room through any process? */
  isOnline(meetingId: string, userId: string): boolean {
    if (this.local.get(meetingId)?.has(userId)) return true;
    for (const peer of this.peers.values()) if (peer.rooms.get(meetingId)?.has(userId)) return true;
    return false;
  }

  /**
   * Calls `listener` with the user whenever someone may have come or gone in the room (ask
   * isOnline for where they stand now); returns the unwatch.
   */
  watch(meetingId: string, listener: (userId: string) => void): () => void {
    return this.watchers.subscribe(meetingId, (userId) => listener(userId as string));
  }

  enter(meetingId: string, userId: string, connectionId: string): void {
    let room = this.local.get(meetingId);
    if (!room) this.local.set(meetingId, (room = new Map()));
    const conns = room.get(userId) ?? new Set<string>();
    const wasOnline = conns.size > 0;
    conns.add(connectionId);
    room.set(userId, conns);
    if (wasOnline) return;
    this.send({ kind: "enter", process: this.processId, meetingId, userId });
    this.changed(meetingId, userId);
  }

  leave(meetingId: string, userId: string, connectionId: string): void {
    const room = this.local.get(meetingId);
    const conns = room?.get(userId);
    if (!room || !conns?.delete(connectionId) || conns.size > 0) return;
    room.delete(userId);
    if (room.size === 0) this.local.delete(meetingId);
    this.send({ kind: "leave", process: this.processId, meetingId, userId });
    this.changed(meetingId, userId);
  }

  /** Says this process is alive and forgets the silent ones (the timer's job; tests call it). */
  heartbeat(): void {
    this.send({ kind: "alive", process: this.processId });
    const silentSince = this.now() - 3 * this.heartbeatMs;
    for (const [process, peer] of this.peers) if (peer.heardAt < silentSince) this.forget(process);
  }

  /** Stops, telling the others to drop this process's connections at once. */
  close(): void {
    clearInterval(this.timer);
    this.send({ kind: "bye", process: this.processId });
    this.unsubscribe();
  }

  private hear(m: PresenceMessage): void {
    if (m.process === this.processId) return;
    if (m.kind === "bye") return this.forget(m.process);
    const peer = this.peers.get(m.process) ?? { heardAt: 0, rooms: new Map<string, Set<string>>() };
    peer.heardAt = this.now();
    this.peers.set(m.process, peer);
    if (m.kind === "hello") return this.tellEverything();
    if (m.kind === "alive") return;
    const users = peer.rooms.get(m.meetingId) ?? new Set<string>();
    if (m.kind === "enter") users.add(m.userId);
    else users.delete(m.userId);
    if (users.size) peer.rooms.set(m.meetingId, users);
    else peer.rooms.delete(m.meetingId);
    this.changed(m.meetingId, m.userId);
  }

  private forget(process: string): void {
    const peer = this.peers.get(process);
    if (!peer) return;
    this.peers.delete(process);
    for (const [meetingId, users] of peer.rooms) for (const userId of users) this.changed(meetingId, userId);
  }

  private tellEverything(): void {
    for (const [meetingId, room] of this.local)
      for (const userId of room.keys())
        this.send({ kind: "enter", process: this.processId, meetingId, userId });
  }

  private changed(meetingId: string, userId: string): void {
    void this.watchers.publish(meetingId, userId);
  }

  private send(message: PresenceMessage): void {
    // Presence is best effort: a bus hiccup must not fail the connection that caused it.
    this.bus.publish(PRESENCE_TOPIC, message).catch(() => undefined);
  }
}
