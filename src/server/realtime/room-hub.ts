import type { Db } from "@/server/db/client";
import type { Clock } from "@/server/clock";
import type { Viewer } from "@/core/roles";
import { assertAllowed } from "@/core/permissions";
import { toRoomEnvelope, type RoomEnvelope } from "@/core/room/envelope";
import { viewerKind } from "@/core/room/disclose";
import type { EphemeralChannel } from "@/core/room/ephemeral";
import { checkVideoMessage, type VideoMessage } from "@/core/video/video";
import type { RoomView } from "@/core/room/stream";
import type { RoomState } from "@/core/room/state";
import { ephemeralTopic, eventsTopic, type CommittedPointer, type EventBus } from "@/server/events/bus";
import { eventsOf, readLogRows } from "@/server/services/records/log";
import type { Appended } from "@/server/services/event-log";
import { SESSIONS_ENDED_TOPIC, type SessionsEnded } from "@/server/services/session-revocation";
import type { Presence } from "./presence";
import { LiveRoom, type LiveSink, type Subscriber } from "./live-room";
import { accountNames, loadRoom, nameNewcomers, unnamedIds } from "./room-loader";
import { EphemeralLimiter } from "./ephemeral-limiter";
import { assertChannelAllowed } from "@/core/board/live";

// Every live room this process serves. A room is loaded (folded from the log) when someone first
// looks at it, follows the log as commands commit (a local hand-off, or a pointer on the bus from
// another process and a read of the rows), and is dropped a while after its last subscriber
// leaves. All changes to one room run one after another (`Entry.run`).

interface HubDeps {
  db: Db;
  bus: EventBus;
  presence: Presence;
  clock: Clock;
}

interface SubscribeArgs {
  meetingId: string;
  viewer: Viewer;
  connectionId: string;
  /** The last event the client folded (null: it has none, and gets a snapshot first). */
  lastEventId: number | null;
  sink: LiveSink;
}

/** An ephemeral message as it crosses the bus between processes. */
interface EphemeralWire {
  from: string;
  fromConnection: string;
  to: string | null;
  channel: EphemeralChannel;
  body: unknown;
}

/** Told the room's state before and after it folded committed events (the SFU follows the floor). */
type FoldListener = (before: RoomState, after: RoomState) => void;

/** A gap longer than this is answered with a snapshot rather than event by event. */
const MAX_RESUME = 1_000;
/** How long a room nobody follows stays loaded. */
const IDLE_MS = 60_000;
/** Presence changes are sent at most this often, coalesced (a room of a thousand joining at once). */
const PRESENCE_FLUSH_MS = 150;

class Entry {
  private chain: Promise<unknown> = Promise.resolve();
  readonly room: Promise<LiveRoom>;
  readonly cleanups: (() => void)[] = [];
  idle: NodeJS.Timeout | null = null;
  presenceTimer: NodeJS.Timeout | null = null;
  readonly presencePending = new Set<string>();

  constructor(load: () => Promise<LiveRoom>) {
    this.room = load();
    this.chain = this.room;
  }

  /** Runs `task` after every earlier one on this room (and after the load). */
  run<T>(task: (room: LiveRoom) => Promise<T> | T): Promise<T> {
    const next = this.chain.then(() => this.room).then(task);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

export class RoomHub {
  private readonly rooms = new Map<string, Entry>();
  private readonly limiter = new EphemeralLimiter();
  private readonly stopSessions: () => void;
  private readonly folded = new Set<FoldListener>();

  constructor(private readonly deps: HubDeps) {
    this.stopSessions = deps.bus.subscribe(SESSIONS_ENDED_TOPIC, (m) =>
      this.endUser((m as SessionsEnded).userId),
    );
  }

  /** The room as `viewer` may see it now (the first query of the room page). */
  view(meetingId: string, viewer: Viewer): Promise<RoomView> {
    const entry = this.entry(meetingId);
    return entry.run(async (room) => {
      await this.sync(room);
      assertAllowed(viewerKind(room.state, viewer), "meeting.view", room.state.phase);
      this.idleCheck(meetingId, entry, room);
      return room.view(viewer);
    });
  }

  /** Starts following a room; resolves to the function that stops it. Throws when refused. */
  subscribe(args: SubscribeArgs): Promise<() => void> {
    const { meetingId, viewer, connectionId, lastEventId, sink } = args;
    const entry = this.entry(meetingId);
    return entry.run(async (room) => {
      await this.sync(room);
      assertAllowed(viewerKind(room.state, viewer), "meeting.view", room.state.phase);
      let missed = lastEventId === null ? null : room.missedSince(lastEventId);
      if (lastEventId !== null && missed === null && room.seq - lastEventId <= MAX_RESUME) {
        missed = await this.readEnvelopes(meetingId, lastEventId, room.seq, room.state.people);
      }
      const sub: Subscriber = {
        viewer,
        connectionId,
        sink,
        audience: room.audienceOf(viewer),
        seq: room.seq,
      };
      room.add(sub, lastEventId, missed);
      this.deps.presence.enter(meetingId, viewer.userId, connectionId);
      if (entry.idle) clearTimeout(entry.idle);
      entry.idle = null;
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        room.remove(sub);
        this.deps.presence.leave(meetingId, viewer.userId, connectionId);
        this.idleCheck(meetingId, entry, room);
      };
    });
  }

  /** This process committed events: rooms it serves fold them without reading them back. */
  committed({ recorded, verifiedThrough }: Appended): void {
    const first = recorded[0];
    const entry = first && this.rooms.get(first.meetingId);
    if (!entry) return;
    void entry
      .run(async (room) => {
        if (first.seq !== room.seq + 1) return this.sync(room);
        const envs = recorded.map((r) => ({ ...toRoomEnvelope(r), verified: verifiedThrough }));
        this.fold(room, await this.named(envs, room.state.people));
      })
      .catch((error: unknown) => console.error("live room hand-off failed", error));
  }

  /** Sends an ephemeral message to the room's other subscribers (or to one person), on every process. */
  async sendEphemeral(
    viewer: Viewer,
    connectionId: string,
    input: { meetingId: string; channel: EphemeralChannel; to?: string | null; body: unknown },
  ): Promise<void> {
    const entry = this.entry(input.meetingId);
    await entry.run(async (room) => {
      assertAllowed(viewerKind(room.state, viewer), "live.send", room.state.phase);
      assertChannelAllowed(room.state, viewer.userId, input.channel);
      if (input.channel === "signal" || input.channel === "media") {
        const video = input as VideoMessage;
        const check = () =>
          checkVideoMessage(room.state, viewerKind(room.state, viewer), viewer.userId, video);
        // Refused on what this process has folded: another process may have committed a join since.
        try {
          check();
        } catch {
          await this.sync(room);
          check();
        }
      }
      this.idleCheck(input.meetingId, entry, room);
    });
    this.limiter.take(`${viewer.userId}:${input.meetingId}`, this.deps.clock.now().getTime());
    const wire: EphemeralWire = {
      from: viewer.userId,
      fromConnection: connectionId,
      to: input.to ?? null,
      channel: input.channel,
      body: input.body,
    };
    await this.deps.bus.publish(ephemeralTopic(input.meetingId), wire);
  }

  /** Calls `listener` each time a room of this process folds events; returns the unsubscribe. */
  onFolded(listener: FoldListener): () => void {
    this.folded.add(listener);
    return () => this.folded.delete(listener);
  }

  /** Ends every live stream of `userId` in this process (their sessions ended). */
  endUser(userId: string): void {
    for (const entry of this.rooms.values()) void entry.run((room) => room.endUser(userId));
  }

  /** Rooms loaded and subscribers following them (for tests and the benchmark). */
  async stats(): Promise<{ rooms: number; subscribers: number }> {
    let subscribers = 0;
    for (const entry of this.rooms.values())
      subscribers += (await entry.room.catch(() => null))?.subscribers.size ?? 0;
    return { rooms: this.rooms.size, subscribers };
  }

  close(): void {
    this.stopSessions();
    for (const [meetingId, entry] of this.rooms) this.drop(meetingId, entry);
  }

  private entry(meetingId: string): Entry {
    let entry = this.rooms.get(meetingId);
    if (entry) return entry;
    const { db, bus, presence, clock } = this.deps;
    entry = new Entry(async () => {
      const loaded = await loadRoom(db, meetingId);
      return new LiveRoom(
        loaded.state,
        loaded.inviteCode,
        () => presence.online(meetingId),
        () => clock.now(),
      );
    });
    const created = entry;
    this.rooms.set(meetingId, created);
    created.room.catch(() => this.drop(meetingId, created));
    created.cleanups.push(
      bus.subscribe(eventsTopic(meetingId), (m) => {
        const { seq } = m as CommittedPointer;
        void created.run((room) => (seq > room.seq ? this.sync(room) : undefined)).catch(() => undefined);
      }),
      bus.subscribe(ephemeralTopic(meetingId), (m) => {
        const w = m as EphemeralWire;
        void created.room.then((room) =>
          room.broadcastMessage(
            { t: "ephemeral", from: w.from, channel: w.channel, to: w.to, body: w.body },
            // Members only: viewers from outside the meeting (admins, auditors) follow the log.
            (sub) =>
              sub.connectionId === w.fromConnection ||
              (w.to !== null && sub.viewer.userId !== w.to) ||
              !room.isMember(sub.viewer.userId),
          ),
        );
      }),
      presence.watch(meetingId, (userId) => this.presenceChanged(created, userId)),
    );
    return created;
  }

  /** Coalesces who came and went, and tells the room's subscribers a moment later. */
  private presenceChanged(entry: Entry, userId: string): void {
    entry.presencePending.add(userId);
    entry.presenceTimer ??= setTimeout(() => {
      entry.presenceTimer = null;
      const changed = [...entry.presencePending];
      entry.presencePending.clear();
      void entry.room.then((room) => {
        const meetingId = room.state.meetingId;
        const joined = changed.filter((id) => this.deps.presence.isOnline(meetingId, id));
        const left = changed.filter((id) => !joined.includes(id));
        room.broadcastMessage({ t: "presence", joined, left });
      });
    }, PRESENCE_FLUSH_MS);
  }

  /** Folds what the log holds past the room's state (another process's commands, a missed pointer). */
  private async sync(room: LiveRoom): Promise<void> {
    const meetingId = room.state.meetingId;
    const head = await this.deps.db.meeting.findUnique({
      where: { id: meetingId },
      select: { lastSeq: true, verifiedThrough: true },
    });
    if (!head || head.lastSeq <= room.seq) return;
    const envs = await this.readEnvelopes(meetingId, room.seq, head.lastSeq, room.state.people);
    this.fold(
      room,
      envs.map((e) => ({ ...e, verified: head.verifiedThrough })),
    );
  }

  private fold(room: LiveRoom, envs: readonly RoomEnvelope[]): void {
    const before = room.state;
    room.apply(envs);
    for (const listener of this.folded) listener(before, room.state);
  }

  private async readEnvelopes(
    meetingId: string,
    afterSeq: number,
    upToSeq: number,
    known: Readonly<Record<string, string>>,
  ): Promise<RoomEnvelope[]> {
    const rows = await readLogRows(this.deps.db, meetingId, upToSeq, afterSeq);
    return this.named(eventsOf(meetingId, rows).map(toRoomEnvelope), known);
  }

  private async named(
    envs: RoomEnvelope[],
    known: Readonly<Record<string, string>>,
  ): Promise<RoomEnvelope[]> {
    const missing = unnamedIds(envs, known);
    return missing.length ? nameNewcomers(envs, known, await accountNames(this.deps.db, missing)) : envs;
  }

  private idleCheck(meetingId: string, entry: Entry, room: LiveRoom): void {
    if (room.subscribers.size > 0 || entry.idle) return;
    entry.idle = setTimeout(() => {
      entry.idle = null;
      if (room.subscribers.size === 0 && this.rooms.get(meetingId) === entry) this.drop(meetingId, entry);
    }, IDLE_MS);
    entry.idle.unref();
  }

  private drop(meetingId: string, entry: Entry): void {
    if (this.rooms.get(meetingId) === entry) this.rooms.delete(meetingId);
    for (const cleanup of entry.cleanups.splice(0)) cleanup();
    if (entry.idle) clearTimeout(entry.idle);
    if (entry.presenceTimer) clearTimeout(entry.presenceTimer);
  }
}
