import type { RoomHub } from "@/server/realtime/room-hub";
import { EphemeralLimiter } from "@/server/realtime/ephemeral-limiter";
import { JanusRooms } from "./janus-rooms";
import { JanusSession } from "./janus-session";

// The SFU of this process, when JANUS_URL is configured: the rooms on Janus, following every
// live room's state (leaving, closing, the floor passing), and a rate limit on its requests.

/** What the procedures ask of the SFU (tests stand in for Janus with these four). */
type SfuRooms = Pick<JanusRooms, "publish" | "subscribe" | "answer" | "unsubscribe">;

export interface Sfu {
  rooms: SfuRooms;
  /** The same token bucket as ephemeral messages: an SFU request costs Janus more than a relay. */
  limiter: EphemeralLimiter;
}

export function createSfu(
  config: { JANUS_URL?: string; JANUS_SECRET?: string },
  live: Pick<RoomHub, "onFolded">,
): Sfu | null {
  if (!config.JANUS_URL || !config.JANUS_SECRET) return null;
  const rooms = new JanusRooms(
    new JanusSession({ url: config.JANUS_URL, secret: config.JANUS_SECRET }),
    config.JANUS_SECRET,
  );
  live.onFolded(
    (before, after) => void rooms.follow(before, after).catch((e: unknown) => console.error("janus:", e)),
  );
  return { rooms, limiter: new EphemeralLimiter() };
}
