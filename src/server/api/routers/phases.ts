import { router, authedProcedure } from "../trpc";
import { changePhaseInput } from "@/lib/schemas/governance";
import { changePhase } from "@/server/services/phases";

export const phasesRouter = router({
  /** One step forward, or one step back with a reason (the phase machine decides). */
  change: authedProcedure.input(changePhaseInput).mutation(({ ctx, input }) => changePhase(ctx, input)),
});
