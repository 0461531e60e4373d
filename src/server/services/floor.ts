import * as points from "@/core/tokens/points";
import { moveInQueue } from "@/core/tokens/overrides";
import type { QueuePolicy } from "@/core/tokens/ordering";
import { tokenCommand } from "./tokens";

// The fair floor's commands: each runs through the one command path, the table asked for its row.

type Target = { meetingId: string; userId: string };

export const setQueuePolicy = tokenCommand(
  "floor.setPolicy",
  (t, _me, input: { meetingId: string; policy: QueuePolicy }) => points.setQueuePolicy(t, input.policy),
);
export const raisePoint = tokenCommand(
  "floor.raisePoint",
  (t, me, input: { meetingId: string; reason: string }) => points.raisePoint(t, me, input.reason),
);
export const grantPoint = tokenCommand("floor.grantPoint", (t, _me, input: Target) =>
  points.grantPoint(t, input.userId),
);
export const declinePoint = tokenCommand(
  "floor.declinePoint",
  (t, _me, input: Target & { reason: string | null }) => points.declinePoint(t, input.userId, input.reason),
);
export const reorder = tokenCommand(
  "floor.reorder",
  (t, _me, input: Target & { direction: "up" | "down"; places: number; reason: string | null }) =>
    moveInQueue(t, input.userId, input.direction, input.reason, input.places),
);
