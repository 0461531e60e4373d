import { router, authedProcedure } from "../trpc";
import { boardRefInput, drawInput, drawPolicyInput, eraseInput, moveInput } from "@/lib/schemas/board";
import * as annotations from "@/server/services/annotations";

// The shared canvas: one finished action per call, one event in the log per call.
export const annotationsRouter = router({
  draw: authedProcedure.input(drawInput).mutation(({ ctx, input }) => annotations.drawShape(ctx, input)),
  move: authedProcedure.input(moveInput).mutation(({ ctx, input }) => annotations.moveShape(ctx, input)),
  erase: authedProcedure.input(eraseInput).mutation(({ ctx, input }) => annotations.eraseShape(ctx, input)),
  undo: authedProcedure.input(boardRefInput).mutation(({ ctx, input }) => annotations.undoAction(ctx, input)),
  redo: authedProcedure.input(boardRefInput).mutation(({ ctx, input }) => annotations.redoAction(ctx, input)),
  clear: authedProcedure
    .input(boardRefInput)
    .mutation(({ ctx, input }) => annotations.clearBoard(ctx, input)),
  setPolicy: authedProcedure
    .input(drawPolicyInput)
    .mutation(({ ctx, input }) => annotations.setDrawPolicy(ctx, input)),
});
