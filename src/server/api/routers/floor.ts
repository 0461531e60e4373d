import { router, authedProcedure } from "../trpc";
import {
  declinePointInput,
  pointTarget,
  raisePointInput,
  reorderInput,
  setQueuePolicyInput,
} from "@/lib/schemas/floor";
import * as floor from "@/server/services/floor";

export const floorRouter = router({
  setPolicy: authedProcedure
    .input(setQueuePolicyInput)
    .mutation(({ ctx, input }) => floor.setQueuePolicy(ctx, input)),
  raisePoint: authedProcedure
    .input(raisePointInput)
    .mutation(({ ctx, input }) => floor.raisePoint(ctx, input)),
  grantPoint: authedProcedure.input(pointTarget).mutation(({ ctx, input }) => floor.grantPoint(ctx, input)),
  declinePoint: authedProcedure
    .input(declinePointInput)
    .mutation(({ ctx, input }) => floor.declinePoint(ctx, input)),
  reorder: authedProcedure.input(reorderInput).mutation(({ ctx, input }) => floor.reorder(ctx, input)),
});
