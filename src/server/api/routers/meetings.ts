import { router, authedProcedure } from "../trpc";
import {
  configureInput,
  createMeetingInput,
  joinInput,
  meetingRef,
  setRoleInput,
} from "@/lib/schemas/meeting";
import * as meetings from "@/server/services/meetings";

export const meetingsRouter = router({
  create: authedProcedure
    .input(createMeetingInput)
    .mutation(({ ctx, input }) => meetings.createMeeting(ctx, input)),
  mine: authedProcedure.query(({ ctx }) => meetings.listMyMeetings(ctx)),
  /** The room as the viewer may see it: the folded state that the live stream then keeps up to date. */
  room: authedProcedure
    .input(meetingRef)
    .query(({ ctx, input }) => ctx.live.view(input.meetingId, ctx.session)),
  join: authedProcedure
    .input(joinInput)
    .mutation(({ ctx, input }) => meetings.joinMeeting(ctx, input.inviteCode)),
  leave: authedProcedure
    .input(meetingRef)
    .mutation(({ ctx, input }) => meetings.leaveMeeting(ctx, input.meetingId)),
  setRole: authedProcedure
    .input(setRoleInput)
    .mutation(({ ctx, input }) => meetings.setMemberRole(ctx, input)),
  configure: authedProcedure
    .input(configureInput)
    .mutation(({ ctx, input }) => meetings.configureMeeting(ctx, input)),
});
