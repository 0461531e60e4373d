import type { Viewer } from "@/core/roles";
import type { RoomEnvelope } from "@/core/room/envelope";
import { applyRoomEnvelope } from "@/core/room/fold";
import type { RoomState } from "@/core/room/state";
import type { LiveMessage, RoomView } from "@/core/room/stream";
import {
  audienceOf,
  discloseEnvelope,
  discloseState,
  mayView,
  memberRoleIn,
  type Audience,
} from "@/core/room/disclose";

// One meeting's live room in this process: the folded state, who follows it, and the fan-out.
// Every message is serialised once and handed to each subscriber's sink as a string; only the
// rare event that reads differently per viewer (a rating) is disclosed per viewer.

/** Where a subscriber's messages go: a WebSocket (ws-server.ts) or an async generator (tRPC). */
export interface LiveSink {
  /** One message, tracked at `seq` (the last event this subscriber has folded). */
  deliver(seq: number, message: LiveMessage, json: string): void;
  /** The stream is over (the viewer may no longer follow the room, or the server closes). */
  end(): void;
}

export interface Subscriber {
  viewer: Viewer;
  /** The connection it came through: an ephemeral message is not echoed to its sender. */
  connectionId: string;
  sink: LiveSink;
  audience: Audience;
  /** The last event sent. */
  seq: number;
}

/** Events kept for clients that resume after a short drop (older gaps are read from the log). */
const HISTORY = 512;

const encode = (message: LiveMessage) => JSON.stringify(message);

export class LiveRoom {
  readonly subscribers = new Set<Subscriber>();
  /** Full envelopes, oldest first, for resuming subscribers. */
  private history: RoomEnvelope[] = [];

  constructor(
    public state: RoomState,
    readonly inviteCode: string,
    private readonly online: () => string[],
    private readonly now: () => Date,
  ) {}

  get seq(): number {
    return this.state.seq;
  }

  /** The room as `viewer` may see it. */
  view(viewer: Viewer): RoomView {
    return {
      state: discloseState(this.state, viewer),
      viewer,
      inviteCode: this.inviteCode,
      online: this.online(),
      serverTime: this.now().toISOString(),
    };
  }

  mayView(viewer: Viewer): boolean {
    return mayView(this.state, viewer);
  }

  /**
   * Starts a subscriber: the events it missed since `lastEventId` (or a snapshot when it has
   * none, when they are too far back, or when its own standing changed meanwhile), then "ready".
   */
  add(sub: Subscriber, lastEventId: number | null, missed: readonly RoomEnvelope[] | null): void {
    const standingChanged = missed?.some(
      (e) =>
        "userId" in e.event && e.event.userId === sub.viewer.userId && e.event.type.startsWith("member."),
    );
    if (lastEventId === null || missed === null || standingChanged || lastEventId > this.seq) {
      this.send(sub, { t: "snapshot", view: this.view(sub.viewer) });
    } else {
      for (const env of missed) {
        const seen = discloseEnvelope(env, sub.viewer, sub.audience);
        sub.seq = env.seq;
        this.send(sub, { t: "event", e: seen });
      }
    }
    sub.seq = this.seq;
    this.send(sub, { t: "ready", seq: this.seq, online: this.online() });
    this.subscribers.add(sub);
  }

  remove(sub: Subscriber): void {
    this.subscribers.delete(sub);
  }

  /** Events after `afterSeq` still held in memory, or null when some are no longer. */
  missedSince(afterSeq: number): RoomEnvelope[] | null {
    if (afterSeq >= this.seq) return [];
    const first = this.history[0];
    if (!first || first.seq > afterSeq + 1) return null;
    return this.history.filter((e) => e.seq > afterSeq);
  }

  /** Folds committed events (in order, from seq + 1) and sends each to every subscriber. */
  apply(envelopes: readonly RoomEnvelope[]): void {
    for (const env of envelopes) {
      if (env.seq !== this.seq + 1)
        throw new Error(`room ${this.state.meetingId}: event #${env.seq} after #${this.seq}`);
      this.state = applyRoomEnvelope(this.state, env);
      this.history.push(env);
      if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
      this.broadcast(env);
    }
  }

  private broadcast(env: RoomEnvelope): void {
    const e = env.event;
    // Only a change of membership or phase can change who may see what: check those alone.
    const standing =
      e.type === "phase.changed"
        ? () => true
        : e.type.startsWith("member.") && "userId" in e
          ? (sub: Subscriber) => sub.viewer.userId === e.userId
          : () => false;
    const frames = new Map<RoomEnvelope, string>();
    for (const sub of this.subscribers) {
      if (standing(sub)) {
        if (!mayView(this.state, sub.viewer)) {
          this.end(sub);
          continue;
        }
        const audience = audienceOf(this.state, sub.viewer);
        if (audience !== sub.audience) {
          sub.audience = audience;
          sub.seq = env.seq;
          this.send(sub, { t: "snapshot", view: this.view(sub.viewer) });
          continue;
        }
      }
      const seen = discloseEnvelope(env, sub.viewer, sub.audience);
      let json = frames.get(seen);
      if (json === undefined) frames.set(seen, (json = encode({ t: "event", e: seen })));
      sub.seq = env.seq;
      sub.sink.deliver(env.seq, { t: "event", e: seen }, json);
    }
  }

  /** Sends one message to every subscriber but those `skip` names (serialised once). */
  broadcastMessage(message: LiveMessage, skip: (sub: Subscriber) => boolean = () => false): void {
    const json = encode(message);
    for (const sub of this.subscribers) if (!skip(sub)) sub.sink.deliver(sub.seq, message, json);
  }

  /** Ends the subscriber's stream: it may no longer follow this room. */
  end(sub: Subscriber): void {
    this.subscribers.delete(sub);
    this.send(sub, { t: "ended", reason: "revoked" });
    sub.sink.end();
  }

  /** Ends every stream of `userId` (their sessions ended, or the server closes). */
  endUser(userId: string): void {
    for (const sub of [...this.subscribers]) if (sub.viewer.userId === userId) this.end(sub);
  }

  /** The audience a new subscriber starts with. */
  audienceOf(viewer: Viewer): Audience {
    return audienceOf(this.state, viewer);
  }

  isMember(userId: string): boolean {
    return memberRoleIn(this.state, userId) !== null;
  }

  private send(sub: Subscriber, message: LiveMessage): void {
    sub.sink.deliver(sub.seq, message, encode(message));
  }
}
