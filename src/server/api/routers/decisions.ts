import { router, authedProcedure } from "../trpc";
import { openProposalInput, proposalRef, voteInput } from "@/lib/schemas/governance";
import * as decisions from "@/server/services/decisions";

export const decisionsRouter = router({
  open: authedProcedure
    .input(openProposalInput)
    .mutation(({ ctx, input }) => decisions.openProposal(ctx, input)),
  vote: authedProcedure.input(voteInput).mutation(({ ctx, input }) => decisions.castVote(ctx, input)),
  close: authedProcedure.input(proposalRef).mutation(({ ctx, input }) => decisions.closeProposal(ctx, input)),
});
