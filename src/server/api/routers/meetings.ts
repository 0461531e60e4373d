import { router, authedProcedure, mapStreamErrors } from "../trpc";
import {
  configureInput,
  createMeetingInput,
  eventsInput,
  joinInput,
  meetingRef,
  setRoleInput,
} from "@/lib/schemas/meeting";
import * as meetings from "@/server/services/meetings";
import { meetingEventStream, presenceStream } from "@/server/realtime/meeting-stream";

export const meetingsRouter = router({
  create: authedProcedure
    .input(createMeetingInput)
    .mutation(({ ctx, input }) => meetings.createMeeting(ctx, input)),
  mine: authedProcedure.query(({ ctx }) => meetings.listMyMeetings(ctx)),
  room: authedProcedure
    .input(meetingRef)
    .query(({ ctx, input }) => meetings.roomView(ctx, ctx.session, input.meetingId)),
  history: authedProcedure
    .input(meetingRef)
    .query(({ ctx, input }) => meetings.recentEvents(ctx, ctx.session, input.meetingId)),
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
  events: authedProcedure
    .input(eventsInput)
    .subscription(({ ctx, input, signal }) =>
      mapStreamErrors(
        meetingEventStream(ctx, ctx.session, input.meetingId, input.lastEventId ?? null, signal),
      ),
    ),
  presence: authedProcedure
    .input(meetingRef)
    .subscription(({ ctx, input, signal }) =>
      mapStreamErrors(presenceStream(ctx, ctx.session, input.meetingId, signal)),
    ),
});
