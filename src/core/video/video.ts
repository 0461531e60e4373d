import { refuse } from "../errors";
import { assertAllowed } from "../permissions";
import type { Phase } from "../phases/phase";
import type { ActorKind } from "../roles";
import type { TokenState } from "../tokens/engine";
import type { Topology } from "./sfu";

// Video in the room: who is in the call (the seats, in order of joining), who is featured (the
// token holder), whose microphone may be open (the floor decides, unless the facilitators opened
// every microphone), and the rule applied when the floor passes. Pure: the server folds the
// logged facts (joining, leaving, a facilitator muting someone, the microphone policy), the
// browser folds the same events and applies the rules to its own tracks.

export const MIC_POLICIES = ["FLOOR", "OPEN"] as const;
export type MicPolicy = (typeof MIC_POLICIES)[number];

/**
 * Seats of full video in the peer-to-peer mesh: each person sends their camera to each other
 * one, so the upload grows with the room. Past this many, a newcomer gets everyone's sound and
 * the featured speaker's picture, and sends their picture only while featured.
 */
export const MESH_VIDEO_SEATS = 6;

interface VideoSeat {
  userId: string;
  /** When they joined the call (epoch ms). */
  since: number;
  /** Whether they joined with a camera and a microphone. */
  camera: boolean;
  microphone: boolean;
  /** Sequence number of the last time a facilitator muted them (null: never, in this seat). */
  mutedAt: number | null;
}

export interface VideoState {
  micPolicy: MicPolicy;
  seats: VideoSeat[];
}

export const emptyVideoState = (): VideoState => ({ micPolicy: "FLOOR", seats: [] });

export type VideoEvent =
  | { type: "video.joined"; userId: string; camera: boolean; microphone: boolean }
  | { type: "video.left"; userId: string }
  | { type: "video.muted"; userId: string }
  | { type: "video.micPolicySet"; policy: MicPolicy };

/** The refusals of this module, in one place (codes of errors.ts). */
const REFUSALS = {
  notSeated: () => refuse("PEER_NOT_IN_CALL"),
  samePolicy: () => refuse("MIC_POLICY_UNCHANGED"),
  micClosed: () => refuse("MIC_FLOOR_ONLY"),
  notHolder: () => refuse("SCREEN_HOLDER_ONLY"),
  notInCall: () => refuse("NOT_IN_CALL"),
  peerAway: () => refuse("PEER_NOT_IN_CALL"),
  toEveryone: () => refuse("MEDIA_TO_EVERYONE"),
} as const;

export const isSeated = (v: VideoState, userId: string): boolean => v.seats.some((s) => s.userId === userId);

/** Folds one event of the log (any type: the others leave video as it is, but leaving the meeting). */
export function applyVideoEvent(
  v: VideoState,
  e: { type: string; userId?: string | null },
  seq: number,
  at: number,
): VideoState {
  const ev = e as VideoEvent | { type: "member.left"; userId: string };
  switch (ev.type) {
    case "video.joined":
      if (isSeated(v, ev.userId)) return v;
      return {
        ...v,
        seats: [
          ...v.seats,
          { userId: ev.userId, since: at, camera: ev.camera, microphone: ev.microphone, mutedAt: null },
        ],
      };
    case "video.left":
    case "member.left": // a membership that ends ends the seat with it
      return isSeated(v, ev.userId) ? { ...v, seats: v.seats.filter((s) => s.userId !== ev.userId) } : v;
    case "video.muted":
      return { ...v, seats: v.seats.map((s) => (s.userId === ev.userId ? { ...s, mutedAt: seq } : s)) };
    case "video.micPolicySet":
      return { ...v, micPolicy: ev.policy };
    default:
      return v;
  }
}

/** The seats after `events` (in log order). */
export const foldVideo = (events: readonly { seq: number; at: number; event: { type: string } }[]) =>
  events.reduce((v, r) => applyVideoEvent(v, r.event, r.seq, r.at), emptyVideoState());

// --- The floor and the microphones -------------------------------------------------------------

const holderOf = (token: TokenState): string | null => token.holder?.userId ?? null;

/** May `userId` have their microphone open now? Under FLOOR only the holder; under OPEN anyone seated. */
export function micMayOpen(v: VideoState, token: TokenState, userId: string): boolean {
  if (!isSeated(v, userId)) return false;
  return v.micPolicy === "OPEN" || holderOf(token) === userId;
}

/** May `userId` share their screen now? The holder only, while in the call. */
export const mayShareScreen = (v: VideoState, token: TokenState, userId: string): boolean =>
  isSeated(v, userId) && holderOf(token) === userId;

/**
 * The person the call features: the holder while in the call (their screen while they share it),
 * nobody otherwise.
 */
export function featuredId(v: VideoState, token: TokenState): string | null {
  const holder = holderOf(token);
  return holder && isSeated(v, holder) ? holder : null;
}

/**
 * The rule applied when the floor passes (or the policy changes): the microphones that were
 * allowed open and are no longer, so each of those people's browsers closes its own.
 */
export function micsToClose(
  before: { video: VideoState; token: TokenState },
  after: { video: VideoState; token: TokenState },
): string[] {
  return after.video.seats
    .map((s) => s.userId)
    .filter((id) => micMayOpen(before.video, before.token, id) && !micMayOpen(after.video, after.token, id));
}

/** Does `from` send their picture to `to`? Within the mesh's video seats, or while featured. */
export function sendsVideo(v: VideoState, token: TokenState, from: string, to: string): boolean {
  if (from === to || !isSeated(v, from) || !isSeated(v, to)) return false;
  if (featuredId(v, token) === from) return true;
  const rank = (id: string) => v.seats.findIndex((s) => s.userId === id);
  return rank(from) < MESH_VIDEO_SEATS && rank(to) < MESH_VIDEO_SEATS;
}

/** One connection of `me`'s mesh: with whom, and whether it carries `me`'s picture to them. */
export interface MeshLink {
  userId: string;
  sendVideo: boolean;
}

/**
 * The connections `me` keeps while in the call: one per other seated person who is online (sound
 * always flows both ways), each carrying `me`'s picture only where `sendsVideo` allows it.
 */
export function meshLinks(
  v: VideoState,
  token: TokenState,
  me: string,
  online: ReadonlySet<string>,
): MeshLink[] {
  if (!isSeated(v, me)) return [];
  return v.seats
    .filter((s) => s.userId !== me && online.has(s.userId))
    .map((s) => ({ userId: s.userId, sendVideo: sendsVideo(v, token, me, s.userId) }));
}

/**
 * Is `userId` past the mesh's video seats (sound and the featured speaker only)? Never through
 * an SFU: each person uploads once there, whatever the size of the call.
 */
export const audioOnlySeat = (v: VideoState, userId: string, topology: Topology): boolean =>
  topology === "mesh" && v.seats.findIndex((s) => s.userId === userId) >= MESH_VIDEO_SEATS;

// --- Decisions (the logged facts) --------------------------------------------------------------

/** Joining the call: once (a second join, a reload for instance, changes nothing). */
export const joinVideo = (v: VideoState, userId: string, media: { camera: boolean; microphone: boolean }) =>
  isSeated(v, userId) ? [] : [{ type: "video.joined" as const, userId, ...media }];

/** Leaving the call (without leaving the meeting); leaving twice changes nothing. */
export const leaveVideo = (v: VideoState, userId: string): VideoEvent[] =>
  isSeated(v, userId) ? [{ type: "video.left", userId }] : [];

/** A facilitator mutes someone in the call (the log keeps who muted whom). */
export function muteInVideo(v: VideoState, userId: string): VideoEvent[] {
  if (!isSeated(v, userId)) throw REFUSALS.notSeated();
  return [{ type: "video.muted", userId }];
}

export function setMicPolicy(v: VideoState, policy: MicPolicy): VideoEvent[] {
  if (v.micPolicy === policy) throw REFUSALS.samePolicy();
  return [{ type: "video.micPolicySet", policy }];
}

// --- What goes over the ephemeral channel -------------------------------------------------------

/** A person's media as they announce it to the call (never logged). */
interface MediaState {
  microphone: boolean;
  camera: boolean;
  screen: boolean;
}

/** Refuses an announcement the floor does not allow (an open microphone, a shared screen). */
function checkMediaState(v: VideoState, token: TokenState, userId: string, m: MediaState): void {
  if (!isSeated(v, userId)) throw REFUSALS.notInCall();
  if (m.microphone && !micMayOpen(v, token, userId)) throw REFUSALS.micClosed();
  if (m.screen && !mayShareScreen(v, token, userId)) throw REFUSALS.notHolder();
}

/** A signal (SDP or ICE) goes from one person in the call to another one in it. */
function checkSignal(v: VideoState, from: string, to: string): void {
  if (!isSeated(v, from)) throw REFUSALS.notInCall();
  if (from === to || !isSeated(v, to)) throw REFUSALS.peerAway();
}

/** A request to the SFU: publishing one's own media, receiving one other person's, or no longer. */
export type SfuRequest =
  { kind: "publish" } | { kind: "subscribe"; feedOf: string } | { kind: "unsubscribe" };

/**
 * Refuses an SFU request that a signal of the mesh would be refused for: the same row of the
 * table ("video.signal"), from someone in the call; a subscription to one other person in it.
 * Ending a subscription needs the row alone (the other person may have left the call already).
 */
export function checkSfuRequest(
  room: { video: VideoState; phase: Phase },
  kind: ActorKind,
  from: string,
  request: SfuRequest,
): void {
  assertAllowed(kind, "video.signal", room.phase);
  if (request.kind === "subscribe") return checkSignal(room.video, from, request.feedOf);
  if (request.kind === "publish" && !isSeated(room.video, from)) throw REFUSALS.notInCall();
}

/** An ephemeral message of the call, as the server checks it before passing it on. */
export type VideoMessage =
  | { channel: "signal"; to: string | null | undefined }
  | { channel: "media"; to: string | null | undefined; body: MediaState };

/**
 * Refuses a signal or a media announcement that the table (by role and phase) or the floor does
 * not allow: a signal goes from someone in the call to ONE other person in it; an open
 * microphone or a shared screen must be allowed to that person now.
 */
export function checkVideoMessage(
  room: { video: VideoState; token: TokenState; phase: Phase },
  kind: ActorKind,
  from: string,
  m: VideoMessage,
): void {
  if (m.channel === "signal") {
    assertAllowed(kind, "video.signal", room.phase);
    if (!m.to) throw REFUSALS.peerAway();
    return checkSignal(room.video, from, m.to);
  }
  if (m.to) throw REFUSALS.toEveryone();
  if (m.body.microphone) assertAllowed(kind, "video.unmute", room.phase);
  if (m.body.screen) assertAllowed(kind, "video.shareScreen", room.phase);
  checkMediaState(room.video, room.token, from, m.body);
}
