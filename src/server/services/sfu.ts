import type { Caller } from "@/server/deps";
import { refuse } from "@/core/errors";
import { viewerKind } from "@/core/room/disclose";
import { layerFor } from "@/core/video/sfu";
import { checkSfuRequest, type SfuRequest } from "@/core/video/video";

// The call's signalling with the SFU: each request is checked by the same core rules as the
// mesh's signals (in the call, to someone in the call, by the table's "video.signal" row) on the
// room as this process folded it, rate limited, then passed to Janus by the room manager.

async function checked(ctx: Caller, meetingId: string, request: SfuRequest) {
  const viewer = ctx.session;
  const { state } = await ctx.live.view(meetingId, viewer);
  checkSfuRequest(state, viewerKind(state, viewer), viewer.userId, request);
  // After the rules: a server without an SFU refuses no differently from one with it.
  if (!ctx.sfu) throw refuse("SFU_UNAVAILABLE");
  ctx.sfu.limiter.take(`${viewer.userId}:${meetingId}`, ctx.clock.now().getTime());
  return { rooms: ctx.sfu.rooms, state, me: viewer.userId };
}

export async function publish(ctx: Caller, input: { meetingId: string; sdp: string }) {
  const { rooms, state, me } = await checked(ctx, input.meetingId, { kind: "publish" });
  // Checked above: they are in the call, so there is a layer.
  const layer = layerFor(state.video, state.token, me) ?? "low";
  return { sdp: await rooms.publish(input.meetingId, me, input.sdp, layer) };
}

export async function subscribe(ctx: Caller, input: { meetingId: string; feedOf: string }) {
  const { rooms, me } = await checked(ctx, input.meetingId, { kind: "subscribe", feedOf: input.feedOf });
  return { sdp: await rooms.subscribe(input.meetingId, me, input.feedOf) };
}

export async function answer(ctx: Caller, input: { meetingId: string; feedOf: string; sdp: string }) {
  const { rooms, me } = await checked(ctx, input.meetingId, { kind: "subscribe", feedOf: input.feedOf });
  await rooms.answer(input.meetingId, me, input.feedOf, input.sdp);
  return { ok: true as const };
}

export async function unsubscribe(ctx: Caller, input: { meetingId: string; feedOf: string }) {
  const { rooms, me } = await checked(ctx, input.meetingId, { kind: "unsubscribe" });
  await rooms.unsubscribe(input.meetingId, me, input.feedOf);
  return { ok: true as const };
}
