import { router, authedProcedure } from "../trpc";
import { meetingRef } from "@/lib/schemas/meeting";
import { joinVideoInput, micPolicyInput, muteInput } from "@/lib/schemas/video";
import * as video from "@/server/services/video";

// The video call's logged facts; its signals go over live.send (channels "signal" and "media").
export const videoRouter = router({
  join: authedProcedure.input(joinVideoInput).mutation(({ ctx, input }) => video.joinVideo(ctx, input)),
  leave: authedProcedure.input(meetingRef).mutation(({ ctx, input }) => video.leaveVideo(ctx, input)),
  mute: authedProcedure.input(muteInput).mutation(({ ctx, input }) => video.mute(ctx, input)),
  setMicPolicy: authedProcedure
    .input(micPolicyInput)
    .mutation(({ ctx, input }) => video.setMicPolicy(ctx, input)),
  iceServers: authedProcedure.query(({ ctx }) => video.iceServersFor(ctx)),
});
