import { z } from "zod";
import { str } from "./text";
import { meetingId, userId } from "./meeting";
import { QUEUE_POLICIES } from "@/core/tokens/ordering";
import { FLOOR_REASON_MAX, REORDER_PLACES_MAX } from "@/core/tokens/floor-events";

// Inputs of the fair floor's commands, shared by the router and the room's forms.

const reasonMessage = `A reason must be at most ${FLOOR_REASON_MAX} characters`;
/** An optional reason: blank is none. */
const optionalReason = str()
  .trim()
  .max(FLOOR_REASON_MAX, reasonMessage)
  .nullish()
  .transform((r) => (r ? r : null));

export const setQueuePolicyInput = z.object({
  meetingId,
  policy: z.enum(QUEUE_POLICIES, { message: `Queue policy must be one of ${QUEUE_POLICIES.join(", ")}` }),
});

export const raisePointInput = z.object({
  meetingId,
  reason: str().trim().min(1, "Say what the point of order is about").max(FLOOR_REASON_MAX, reasonMessage),
});

export const pointTarget = z.object({ meetingId, userId });
export const declinePointInput = z.object({ meetingId, userId, reason: optionalReason });
export const reorderInput = z.object({
  meetingId,
  userId,
  direction: z.enum(["up", "down"]),
  /** How many places: 1 for the arrow buttons and keys, more for a drag. */
  places: z.number().int().min(1).max(REORDER_PLACES_MAX).default(1),
  reason: optionalReason,
});
export const grantInput = z.object({ meetingId, userId, reason: optionalReason });
