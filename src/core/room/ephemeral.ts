// Messages between the members of a room that never enter the log: the pointer of whoever has
// the floor, strokes in progress, WebRTC signals, typing. Lost on reconnect by design: the
// durable event that follows (a finished stroke, a granted token) replaces them.

/** The channels, each with the body it carries (src/lib/schemas/live.ts). */
export type EphemeralChannel =
  | "pointer"
  /** A stroke in progress on the shared canvas (board/live.ts). */
  | "stroke"
  /** WebRTC signals (SDP, ICE), addressed to one person in the video call. */
  | "signal"
  /** One's microphone, camera and screen as announced to the call. */
  | "media";

/** Largest body, in bytes of JSON: room for an SDP offer (5-6.5 KB from Chromium) with margin. */
export const EPHEMERAL_MAX_BYTES = 16_384;

/** Per person and room: a burst of this many messages, refilled at RATE_PER_SEC. */
export const EPHEMERAL_BURST = 120;
export const EPHEMERAL_RATE_PER_SEC = 60;

/** The logical board every pointer and stroke is placed on (integers; the board scales). */
export const BOARD_WIDTH = 1600;
export const BOARD_HEIGHT = 900;
