import { z } from "zod";
import { MIC_POLICIES } from "@/core/video/video";
import { meetingId, userId } from "./meeting";

// The video call's commands and its signals, shared by the router and the browser.

export const joinVideoInput = z.object({ meetingId, camera: z.boolean(), microphone: z.boolean() });

export const muteInput = z.object({ meetingId, userId });

export const micPolicyInput = z.object({
  meetingId,
  policy: z.enum(MIC_POLICIES, { message: `Policy must be one of ${MIC_POLICIES.join(", ")}` }),
});

/** Largest SDP accepted (Chromium's offers run 5-6.5 KB; a screen share adds a section). */
export const MAX_SDP_CHARS = 12_000;

/**
 * Which of the sender's connections a signal belongs to (one id per RTCPeerConnection): after a
 * reload or a dropped live link, a new connection's offer replaces the old one, and a late
 * candidate or goodbye of the old one changes nothing.
 */
const session = z.string().min(1).max(40);

/** One WebRTC signal to one peer: a description (offer or answer), an ICE candidate, or goodbye. */
export const signalBody = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("description"),
      session,
      type: z.enum(["offer", "answer"]),
      sdp: z.string().max(MAX_SDP_CHARS),
    })
    .strict(),
  z
    .object({
      kind: z.literal("candidate"),
      session,
      candidate: z.string().max(1_000),
      sdpMid: z.string().max(64).nullable(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
    })
    .strict(),
  z.object({ kind: z.literal("bye"), session }).strict(),
]);
export type SignalBody = z.infer<typeof signalBody>;

/** What someone's microphone, camera and screen are doing, announced to the call. */
export const mediaBody = z
  .object({ microphone: z.boolean(), camera: z.boolean(), screen: z.boolean() })
  .strict();

// --- Through the SFU (when the server has one): the browser's SDP for Janus goes via the app ---

const sdp = z.string().min(1).max(MAX_SDP_CHARS);

/** One's camera and microphone to the SFU: the browser's offer (its ICE candidates inside). */
export const sfuPublishInput = z.object({ meetingId, sdp }).strict();

/** Receiving one other person's media from the SFU (or no longer). */
export const sfuFeedInput = z.object({ meetingId, feedOf: userId }).strict();

/** The browser's answer to the SFU's offer for one person's media. */
export const sfuAnswerInput = z.object({ meetingId, feedOf: userId, sdp }).strict();
