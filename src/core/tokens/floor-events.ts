import type { QueuePolicy } from "./ordering";

// The events of a fair floor: the queue's order policy, points of order, and the facilitator's
// overrides of the order. Each override carries who was passed over ("skipped") and why.

/** Longest reason accepted for a point of order, a decline or an override. */
export const FLOOR_REASON_MAX = 200;

/** Furthest one reorder may move someone; the schema's bound, above any real queue's length. */
export const REORDER_PLACES_MAX = 10_000;

/** Why an open point of order closed without a decision. */
type PointWithdrawReason = "left" | "demoted" | "closed";

export type FloorEvent =
  | { type: "floor.policySet"; from: QueuePolicy; to: QueuePolicy }
  | { type: "floor.pointRaised"; userId: string; reason: string }
  | { type: "floor.pointGranted"; userId: string }
  | { type: "floor.pointDeclined"; userId: string; reason: string | null }
  | { type: "floor.pointWithdrawn"; userId: string; reason: PointWithdrawReason }
  /** A one-place move in the computed queue, from `from` to `to` (1-based), past `skipped`. */
  | {
      type: "floor.reordered";
      userId: string;
      direction: "up" | "down";
      from: number;
      to: number;
      skipped: string[];
      reason: string | null;
    }
  /** The floor given to someone at `position`, passing over everyone ahead (`skipped`). */
  | {
      type: "floor.grantedOutOfOrder";
      userId: string;
      position: number;
      skipped: string[];
      reason: string | null;
    };
