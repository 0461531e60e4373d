import { router, authedProcedure } from "../trpc";
import { meetingRef } from "@/lib/schemas/meeting";
import { governanceBoard } from "@/server/services/board";
import { feedbackSummary } from "@/server/services/feedback";

// The governance queries, in one router so the room refreshes them all with one invalidation.
export const governanceRouter = router({
  board: authedProcedure
    .input(meetingRef)
    .query(({ ctx, input }) => governanceBoard(ctx, ctx.session, input.meetingId)),
  feedbackSummary: authedProcedure
    .input(meetingRef)
    .query(({ ctx, input }) => feedbackSummary(ctx, input.meetingId)),
});
