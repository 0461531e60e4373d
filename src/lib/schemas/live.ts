import { z } from "zod";
import { BOARD_HEIGHT, BOARD_WIDTH, EPHEMERAL_MAX_BYTES } from "@/core/room/ephemeral";
import { meetingId, userId } from "./meeting";
import { STROKE_CHUNK_MAX, STROKE_TOOLS } from "@/core/board/live";
import { MAX_POINTS, boardPoint, colorName, shapeId, widthSchema } from "@/core/board/shapes";
import { mediaBody, signalBody } from "./video";

// The live room's stream and its ephemeral messages, shared by the router and the browser.

export const liveStreamInput = z.object({
  meetingId,
  /** The last event the client folded; tRPC's WebSocket link fills it in on reconnect. */
  lastEventId: z.coerce.number().int().min(0).nullish(),
});

const boardX = z.number().int("Board coordinates are whole numbers").min(0).max(BOARD_WIDTH);
const boardY = z.number().int("Board coordinates are whole numbers").min(0).max(BOARD_HEIGHT);

/** Each channel with the body it carries. */
const channels = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("pointer"), body: z.object({ x: boardX, y: boardY }).strict() }),
  // A stroke in progress: the points added since the last message, from index `start`.
  z.object({
    channel: z.literal("stroke"),
    body: z
      .object({
        id: shapeId,
        tool: z.enum(STROKE_TOOLS),
        color: colorName,
        width: widthSchema,
        start: z
          .number()
          .int()
          .min(0)
          .max(MAX_POINTS * 8),
        points: z.array(boardPoint).max(STROKE_CHUNK_MAX),
      })
      .strict(),
  }),
  z.object({ channel: z.literal("signal"), body: signalBody }),
  z.object({ channel: z.literal("media"), body: mediaBody }),
]);

export const liveSendInput = z
  .object({ meetingId, to: userId.nullish() })
  .and(channels)
  .refine((m) => new TextEncoder().encode(JSON.stringify(m.body)).length <= EPHEMERAL_MAX_BYTES, {
    message: `A live message is at most ${EPHEMERAL_MAX_BYTES} bytes`,
    path: ["body"],
  });
