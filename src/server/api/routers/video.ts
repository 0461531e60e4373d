import { router, authedProcedure } from "../trpc";
import { meetingRef } from "@/lib/schemas/meeting";
import {
  joinVideoInput,
  micPolicyInput,
  muteInput,
  sfuAnswerInput,
  sfuFeedInput,
  sfuPublishInput,
} from "@/lib/schemas/video";
import * as video from "@/server/services/video";
import * as sfu from "@/server/services/sfu";

// The video call's logged facts; its signals go over live.send (channels "signal" and "media")
// in the mesh, or through the sfu* procedures to Janus when the server has one.
export const videoRouter = router({
  join: authedProcedure.input(joinVideoInput).mutation(({ ctx, input }) => video.joinVideo(ctx, input)),
  leave: authedProcedure.input(meetingRef).mutation(({ ctx, input }) => video.leaveVideo(ctx, input)),
  mute: authedProcedure.input(muteInput).mutation(({ ctx, input }) => video.mute(ctx, input)),
  setMicPolicy: authedProcedure
    .input(micPolicyInput)
    .mutation(({ ctx, input }) => video.setMicPolicy(ctx, input)),
  iceServers: authedProcedure.query(({ ctx }) => video.iceServersFor(ctx)),
  sfuPublish: authedProcedure.input(sfuPublishInput).mutation(({ ctx, input }) => sfu.publish(ctx, input)),
  sfuSubscribe: authedProcedure.input(sfuFeedInput).mutation(({ ctx, input }) => sfu.subscribe(ctx, input)),
  sfuAnswer: authedProcedure.input(sfuAnswerInput).mutation(({ ctx, input }) => sfu.answer(ctx, input)),
  sfuUnsubscribe: authedProcedure
    .input(sfuFeedInput)
    .mutation(({ ctx, input }) => sfu.unsubscribe(ctx, input)),
});
