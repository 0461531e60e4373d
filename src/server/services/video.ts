import { createHmac } from "node:crypto";
import type { Caller } from "@/server/deps";
import type { Action } from "@/core/permissions";
import type { MeetingEvent } from "@/core/events";
import * as video from "@/core/video/video";
import type { VideoState } from "@/core/video/video";
import { env } from "@/env";
import { chooseTopology } from "@/core/video/sfu";
import type { Tx } from "@/server/db/client";
import type { MeetingSnapshot } from "./snapshot";
import { eventsOf } from "./records/log";
import { runCommand } from "./event-log";

// The video call's logged facts (joining, leaving, a facilitator muting someone, the microphone
// policy), each one event through the command path, and the ICE servers browsers connect with.

/** Who is in the call, folded from the log's video events and departures (in the locked transaction). */
async function loadVideo(tx: Tx, snap: MeetingSnapshot): Promise<VideoState> {
  const rows = await tx.auditEvent.findMany({
    where: { meetingId: snap.id, OR: [{ type: { startsWith: "video." } }, { type: "member.left" }] },
    orderBy: { seq: "asc" },
    select: { seq: true, type: true, actorId: true, payload: true, at: true, prevHash: true, hash: true },
  });
  return video.foldVideo(eventsOf(snap.id, rows).map((r) => ({ ...r, at: r.at.getTime() })));
}

function videoCommand<I extends { meetingId: string }>(
  action: Action,
  decide: (v: VideoState, actorId: string, input: I) => MeetingEvent[],
) {
  return async (ctx: Caller, input: I) => {
    const { recorded } = await runCommand(
      ctx,
      { meetingId: input.meetingId, action, load: loadVideo },
      (_snap, v) => ({ events: decide(v, ctx.session.userId, input), result: null }),
    );
    return { seq: recorded.at(-1)?.seq ?? null };
  };
}

export const joinVideo = videoCommand(
  "video.join",
  (v, me, input: { meetingId: string; camera: boolean; microphone: boolean }) =>
    video.joinVideo(v, me, { camera: input.camera, microphone: input.microphone }),
);
export const leaveVideo = videoCommand("video.leave", (v, me) => video.leaveVideo(v, me));
export const mute = videoCommand("video.mute", (v, _me, input: { meetingId: string; userId: string }) =>
  video.muteInVideo(v, input.userId),
);
export const setMicPolicy = videoCommand(
  "video.micPolicy",
  (v, _me, input: { meetingId: string; policy: video.MicPolicy }) => video.setMicPolicy(v, input.policy),
);

/** How long a TURN credential lasts. */
const TURN_TTL_SEC = 6 * 3600;

interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * The ICE servers for `userId`: ICE_SERVERS as configured, and the TURN server with a credential
 * valid for TURN_TTL_SEC (coturn's use-auth-secret: user "expiry:id", password base64 HMAC-SHA1).
 * None by default: on one network, browsers connect directly.
 */
export function iceServers(
  config: { ICE_SERVERS?: string; TURN_URL?: string; TURN_SECRET?: string },
  userId: string,
  now: Date,
): IceServer[] {
  const listed = config.ICE_SERVERS ? (JSON.parse(config.ICE_SERVERS) as IceServer[]) : [];
  if (!config.TURN_URL || !config.TURN_SECRET) return listed;
  const username = `${Math.floor(now.getTime() / 1000) + TURN_TTL_SEC}:${userId}`;
  const credential = createHmac("sha1", config.TURN_SECRET).update(username).digest("base64");
  return [...listed, { urls: config.TURN_URL.split(","), username, credential }];
}

/** How this browser joins the call: the ICE servers, and through which topology. */
export const iceServersFor = (ctx: Caller) => ({
  iceServers: iceServers(env(), ctx.session.userId, ctx.clock.now()),
  topology: chooseTopology({ sfuConfigured: Boolean(ctx.sfu) }),
});
