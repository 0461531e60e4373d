import { router, authedProcedure } from "../trpc";
import { meetingRef } from "@/lib/schemas/meeting";
import { recordListInput, replayInput } from "@/lib/schemas/records";
import * as records from "@/server/services/records/queries";

// The read side of a meeting's record. Downloads are plain GETs (app/api/meetings/[id]/record).
export const recordsRouter = router({
  list: authedProcedure.input(recordListInput).query(({ ctx, input }) => records.listRecords(ctx, input)),
  verify: authedProcedure
    .input(meetingRef)
    .query(({ ctx, input }) => records.verifyRecord(ctx, input.meetingId)),
  replay: authedProcedure
    .input(replayInput)
    .query(({ ctx, input }) => records.replayView(ctx, input.meetingId, input.seq)),
});
