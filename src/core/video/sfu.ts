import type { Phase } from "../phases/phase";
import type { TokenState } from "../tokens/engine";
import { featuredId, isSeated, type VideoState } from "./video";

// Video through a selective forwarding unit (Janus VideoRoom): which topology a call uses, and
// in which quality each camera is forwarded. Pure: the server asks the SFU for the qualities,
// and the browser caps its own camera at the highest.

export type Topology = "mesh" | "sfu";

/**
 * The SFU for every meeting as soon as one is configured, whatever the meeting's size: a call
 * that starts as a mesh of three could not move to the SFU at the fourth without renegotiating
 * everyone, and an SFU costs a small call nothing. Without one, the peer-to-peer mesh.
 */
export const chooseTopology = (config: { sfuConfigured: boolean }): Topology =>
  config.sfuConfigured ? "sfu" : "mesh";

/**
 * The qualities a camera is forwarded in: the featured person (the floor's holder, the one big
 * tile) at 1.2 Mbit/s, everyone else as a thumbnail at 150 kbit/s. The SFU caps each person's
 * upload to their quality (Janus's per-publisher bitrate, an REMB to the browser), so everyone
 * receives the holder sharp and the others small, and a thumbnail costs its sender little too.
 * Not simulcast: Janus 1.1 asks for keyframes on the lowest layer only, and Chromium now makes
 * them per layer, so a receiver switched up to the high layer waits for ever (NOTES.md).
 */
const LAYERS = {
  low: { maxBitrate: 150_000 },
  high: { maxBitrate: 1_200_000 },
} as const;
export type Layer = keyof typeof LAYERS;

/**
 * The quality `owner`'s camera is forwarded in: high while they are featured, low otherwise.
 * Null when they are not in the call (nothing to forward).
 */
export function layerFor(v: VideoState, token: TokenState, owner: string): Layer | null {
  if (!isSeated(v, owner)) return null;
  return featuredId(v, token) === owner ? "high" : "low";
}

/** The bitrate the SFU lets `layer` send (bit/s). */
export const bitrateOf = (layer: Layer): number => LAYERS[layer].maxBitrate;

/**
 * What the SFU must undo after the room folded some events: the people who left the call (their
 * camera stops being forwarded, their subscriptions end), and the whole room once the meeting
 * is closed.
 */
export function sfuChanges(
  before: { video: VideoState; phase: Phase },
  after: { video: VideoState; phase: Phase },
): { closed: boolean; left: string[] } {
  return {
    closed: after.phase === "CLOSED" && before.phase !== "CLOSED",
    left: before.video.seats.map((s) => s.userId).filter((id) => !isSeated(after.video, id)),
  };
}
