import { router, authedProcedure } from "../trpc";
import { meetingRef, memberTarget } from "@/lib/schemas/meeting";
import { grantInput } from "@/lib/schemas/floor";
import * as tokens from "@/server/services/tokens";

export const tokensRouter = router({
  request: authedProcedure.input(meetingRef).mutation(({ ctx, input }) => tokens.requestToken(ctx, input)),
  withdraw: authedProcedure
    .input(meetingRef)
    .mutation(({ ctx, input }) => tokens.withdrawRequest(ctx, input)),
  release: authedProcedure.input(meetingRef).mutation(({ ctx, input }) => tokens.releaseToken(ctx, input)),
  revoke: authedProcedure.input(meetingRef).mutation(({ ctx, input }) => tokens.revokeToken(ctx, input)),
  grant: authedProcedure.input(grantInput).mutation(({ ctx, input }) => tokens.grantToken(ctx, input)),
  dismiss: authedProcedure
    .input(memberTarget)
    .mutation(({ ctx, input }) => tokens.dismissRequest(ctx, input)),
});
