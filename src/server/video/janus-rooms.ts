import { DomainError, refuse } from "@/core/errors";
import { bitrateOf, layerFor, sfuChanges, type Layer } from "@/core/video/sfu";
import type { RoomState } from "@/core/room/state";
import { roomIds, type RoomIds } from "./janus-ids";
import type { JanusSession, RoomHandle } from "./janus-session";

// The meetings' rooms on Janus's VideoRoom plugin, as this process uses them: a room per meeting
// (created when the first person publishes, destroyed when the meeting closes), one publisher
// handle per person in the call, one subscriber handle per (viewer, person seen). Browsers never
// reach Janus's API: their SDP comes through the app's procedures and goes to Janus from here.
// Each publisher's bitrate is capped to its quality (core/video/sfu.ts), and moved with the floor.

/** People in one room at most (Janus refuses the next publisher). */
const ROOM_PUBLISHERS = 100;
/** Janus's error codes that mean "already so" or "already gone": not failures for us. */
const ROOM_EXISTS = 427;
const NO_SUCH_ROOM = 426;
const NO_SUCH_FEED = 428;

interface Held {
  handle: RoomHandle;
}
interface Publisher extends Held {
  layer: Layer;
}

const janusCode = (error: unknown): number | undefined => (error as { _code?: number })._code;

/** A failure of Janus (down, refusing) as the refusal the browser shows; logged for the operator. */
function unavailable(error: unknown): never {
  if (error instanceof DomainError) throw error;
  console.error("janus:", error);
  throw refuse("SFU_UNAVAILABLE");
}

const key = (...parts: string[]) => parts.join("\n");

export class JanusRooms {
  /** Rooms known to exist on Janus, by meeting (the promise of their creation). */
  private readonly rooms = new Map<string, Promise<RoomIds>>();
  private readonly publishers = new Map<string, Publisher>();
  private readonly subscriptions = new Map<string, Held>();
  /** A handle for the room requests (create, destroy, list): any handle may send them. */
  private control: Promise<RoomHandle> | null = null;

  constructor(
    private readonly janus: JanusSession,
    /** Derives rooms' ids and secrets (janus-ids.ts). */
    private readonly idKey: string,
  ) {
    // Every handle died with the session, and a restarted Janus has no room: start afresh (the
    // browsers' connections fail, and they publish and subscribe again).
    janus.onLost(() => {
      this.rooms.clear();
      this.publishers.clear();
      this.subscriptions.clear();
      this.control = null;
    });
  }

  /** Publishes `userId`'s media (an SDP offer) in `layer`; resolves to Janus's answer. */
  async publish(meetingId: string, userId: string, offer: string, layer: Layer): Promise<string> {
    try {
      const ids = await this.room(meetingId);
      const feed = ids.feedOf(userId);
      await this.detach(this.publishers, key(meetingId, userId));
      // A feed of theirs still in the room (a reload, another process): theirs is the new one.
      await this.roomRequest((h) => h.kick({ room: ids.room, feed, secret: ids.secret }), NO_SUCH_FEED);
      const handle = await this.janus.handle();
      this.publishers.set(key(meetingId, userId), { handle, layer });
      const joined = await handle.joinConfigurePublisher({
        room: ids.room,
        feed,
        display: userId,
        bitrate: bitrateOf(layer),
        jsep: { type: "offer", sdp: offer },
      });
      if (!joined.jsep) throw new Error("Janus answered a publisher without SDP");
      return joined.jsep.sdp;
    } catch (error) {
      return unavailable(error);
    }
  }

  /** Starts `viewer` receiving `owner`'s feed; resolves to Janus's SDP offer. */
  async subscribe(meetingId: string, viewer: string, owner: string): Promise<string> {
    try {
      const ids = await this.room(meetingId);
      const k = key(meetingId, viewer, owner);
      await this.detach(this.subscriptions, k);
      const handle = await this.janus.handle();
      const joined = await handle
        .joinSubscriber({ room: ids.room, streams: [{ feed: ids.feedOf(owner) }] })
        .catch(async (error: unknown) => {
          await handle.detach().catch(() => undefined);
          if (janusCode(error) === NO_SUCH_FEED) throw refuse("PEER_NOT_PUBLISHING");
          throw error;
        });
      if (!joined.jsep) throw new Error("Janus offered a subscription without SDP");
      this.subscriptions.set(k, { handle });
      return joined.jsep.sdp;
    } catch (error) {
      return unavailable(error);
    }
  }

  /** The viewer's answer to a subscription's offer: media flows. */
  async answer(meetingId: string, viewer: string, owner: string, answer: string): Promise<void> {
    const sub = this.subscriptions.get(key(meetingId, viewer, owner));
    if (!sub) throw refuse("PEER_NOT_PUBLISHING");
    try {
      await sub.handle.start({ jsep: { type: "answer", sdp: answer } });
    } catch (error) {
      unavailable(error);
    }
  }

  async unsubscribe(meetingId: string, viewer: string, owner: string): Promise<void> {
    await this.detach(this.subscriptions, key(meetingId, viewer, owner));
  }

  /**
   * Follows the room's state after it folded events: the feeds of people who left the call
   * end, the room goes when the meeting closes, and each publisher gets the quality the floor
   * now asks for (the new holder high, the previous one back to a thumbnail).
   */
  async follow(before: RoomState, after: RoomState): Promise<void> {
    const meetingId = after.meetingId;
    const { closed, left } = sfuChanges(before, after);
    if (closed) return this.closeMeeting(meetingId);
    for (const userId of left) await this.leave(meetingId, userId);
    for (const [k, pub] of this.publishers) {
      const [m, owner] = k.split("\n");
      const layer = m === meetingId ? layerFor(after.video, after.token, owner!) : null;
      if (!layer || layer === pub.layer) continue;
      pub.layer = layer;
      await pub.handle.configure({ bitrate: bitrateOf(layer) }).catch(unavailableQuietly);
    }
  }

  /** Ends `userId`'s publisher and subscriptions in the meeting's room, and others' subscriptions to them. */
  async leave(meetingId: string, userId: string): Promise<void> {
    await this.detach(this.publishers, key(meetingId, userId));
    for (const k of [...this.subscriptions.keys()]) {
      const [m, viewer, owner] = k.split("\n");
      if (m === meetingId && (viewer === userId || owner === userId))
        await this.detach(this.subscriptions, k);
    }
    // Their feed may have been published through another process: Janus drops it wherever it is.
    const ids = this.rooms.has(meetingId) ? roomIds(this.idKey, meetingId) : null;
    if (ids)
      await this.roomRequest(
        (h) => h.kick({ room: ids.room, feed: ids.feedOf(userId), secret: ids.secret }),
        NO_SUCH_FEED,
        NO_SUCH_ROOM,
      ).catch(unavailableQuietly);
  }

  /** Destroys the meeting's room (every handle in it ends with it). */
  async closeMeeting(meetingId: string): Promise<void> {
    for (const map of [this.publishers, this.subscriptions] as const)
      for (const k of [...map.keys()]) if (k.startsWith(key(meetingId, ""))) await this.detach(map, k);
    this.rooms.delete(meetingId);
    const ids = roomIds(this.idKey, meetingId);
    await this.roomRequest((h) => h.destroy({ room: ids.room, secret: ids.secret }), NO_SUCH_ROOM).catch(
      unavailableQuietly,
    );
  }

  /** Who publishes in the meeting's room, as Janus says (null: no such room). For tests and the bench. */
  async publishersIn(meetingId: string): Promise<string[] | null> {
    const ids = roomIds(this.idKey, meetingId);
    const list = await this.roomRequest(
      (h) => h.listParticipants({ room: ids.room, secret: ids.secret }),
      NO_SUCH_ROOM,
    );
    return list ? list.participants.filter((p) => p.publisher).map((p) => p.display ?? String(p.feed)) : null;
  }

  async close(): Promise<void> {
    for (const map of [this.publishers, this.subscriptions] as const)
      for (const k of [...map.keys()]) await this.detach(map, k);
    this.control = null;
    await this.janus.close();
  }

  /** The meeting's room, created on Janus the first time this process needs it. */
  private room(meetingId: string): Promise<RoomIds> {
    let room = this.rooms.get(meetingId);
    if (room) return room;
    const ids = roomIds(this.idKey, meetingId);
    room = this.roomRequest(
      (h) =>
        h.create({
          room: ids.room,
          secret: ids.secret,
          max_publishers: ROOM_PUBLISHERS,
          // Not listed to anyone who lists rooms; VP8 and Opus, which every browser sends.
          is_private: true,
          videocodec: "vp8",
          audiocodec: "opus",
        }),
      ROOM_EXISTS, // another process created it first
    ).then(() => ids);
    room.catch(() => this.rooms.delete(meetingId));
    this.rooms.set(meetingId, room);
    return room;
  }

  /** Sends a room request, reading the listed Janus errors as "nothing to do" (null). */
  private async roomRequest<T>(
    send: (h: RoomHandle) => Promise<T>,
    ...harmless: number[]
  ): Promise<T | null> {
    this.control ??= this.janus.handle();
    const control = this.control;
    control.catch(() => (this.control = null));
    try {
      return await send(await control);
    } catch (error) {
      if (harmless.includes(janusCode(error) ?? 0)) return null;
      // The handle may have died with the session: the next request attaches a new one.
      if (this.control === control) this.control = null;
      throw error;
    }
  }

  private async detach(map: Map<string, Held>, k: string): Promise<void> {
    const held = map.get(k);
    if (!held) return;
    map.delete(k);
    await held.handle.detach().catch(() => undefined);
  }
}

/** A follow-up that failed (Janus went away meanwhile): logged, never thrown at the room. */
function unavailableQuietly(error: unknown): null {
  console.error("janus:", error);
  return null;
}
