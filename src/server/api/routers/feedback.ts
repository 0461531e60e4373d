import { router, authedProcedure } from "../trpc";
import { feedbackInput } from "@/lib/schemas/governance";
import { giveFeedback } from "@/server/services/feedback";

export const feedbackRouter = router({
  give: authedProcedure.input(feedbackInput).mutation(({ ctx, input }) => giveFeedback(ctx, input)),
});
