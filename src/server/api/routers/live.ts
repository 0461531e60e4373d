import { router, authedProcedure, mapStreamErrors } from "../trpc";
import { liveSendInput, liveStreamInput } from "@/lib/schemas/live";
import { liveStream } from "@/server/realtime/live-stream";

// The live room: one stream per open room page (every event as the viewer may see it, who is
// online, ephemeral messages), and the ephemeral messages members send beside the log.
export const liveRouter = router({
  stream: authedProcedure
    .input(liveStreamInput)
    .subscription(({ ctx, input, signal }) =>
      mapStreamErrors(liveStream(ctx, ctx.session, input, signal, ctx.connectionId)),
    ),
  send: authedProcedure
    .input(liveSendInput)
    .mutation(({ ctx, input }) => ctx.live.sendEphemeral(ctx.session, ctx.connectionId ?? "", input)),
});
