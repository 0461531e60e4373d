import { router, authedProcedure } from "../trpc";
import { commentInput, postIdeaInput, reviseIdeaInput } from "@/lib/schemas/governance";
import * as ideas from "@/server/services/ideas";

export const ideasRouter = router({
  post: authedProcedure.input(postIdeaInput).mutation(({ ctx, input }) => ideas.postIdea(ctx, input)),
  revise: authedProcedure.input(reviseIdeaInput).mutation(({ ctx, input }) => ideas.reviseIdea(ctx, input)),
  comment: authedProcedure.input(commentInput).mutation(({ ctx, input }) => ideas.commentOnIdea(ctx, input)),
});
