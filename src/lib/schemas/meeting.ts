import { z } from "zod";
import { str } from "./text";
import { MEMBER_ROLES } from "@/core/roles";

// Shared by the routers (input validation) and the client forms.

export const meetingId = str().trim().min(1, "Meeting id is required").max(64);
export const userId = str().trim().min(1, "User id is required").max(64);

export const createMeetingInput = z.object({
  title: str().trim().min(1, "Title is required").max(200, "Title must be at most 200 characters"),
  description: str().trim().max(5000, "Description must be at most 5000 characters").default(""),
});
export type CreateMeetingInput = z.input<typeof createMeetingInput>;

export const meetingRef = z.object({ meetingId });

export const joinInput = z.object({
  inviteCode: str().trim().min(8, "Invalid invite code").max(64, "Invalid invite code"),
});

export const setRoleInput = z.object({
  meetingId,
  userId,
  role: z.enum(MEMBER_ROLES, { message: `Role must be one of ${MEMBER_ROLES.join(", ")}` }),
});

export const configureInput = z.object({
  meetingId,
  /** Seconds per turn, or null for no limit. */
  turnLimitSec: z
    .number()
    .int("Turn limit must be whole seconds")
    .min(10, "Turn limit must be at least 10 seconds")
    .max(3600, "Turn limit must be at most one hour")
    .nullable(),
});

export const memberTarget = z.object({ meetingId, userId });
