import { router, authedProcedure } from "../trpc";
import { meetingRef, memberTarget } from "@/lib/schemas/meeting";
import * as tokens from "@/server/services/tokens";

export const tokensRouter = router({
  request: authedProcedure
    .input(meetingRef)
    .mutation(({ ctx, input }) => tokens.requestToken(ctx, ctx.session, input.meetingId)),
  withdraw: authedProcedure
    .input(meetingRef)
    .mutation(({ ctx, input }) => tokens.withdrawRequest(ctx, ctx.session, input.meetingId)),
  release: authedProcedure
    .input(meetingRef)
    .mutation(({ ctx, input }) => tokens.releaseToken(ctx, ctx.session, input.meetingId)),
  revoke: authedProcedure
    .input(meetingRef)
    .mutation(({ ctx, input }) => tokens.revokeToken(ctx, ctx.session, input.meetingId)),
  grant: authedProcedure
    .input(memberTarget)
    .mutation(({ ctx, input }) => tokens.grantToken(ctx, ctx.session, input)),
  dismiss: authedProcedure
    .input(memberTarget)
    .mutation(({ ctx, input }) => tokens.dismissRequest(ctx, ctx.session, input)),
});
