import type { RecordedEvent } from "../events";
import { arr, num, payloadOf, str } from "./payload";

// The fair floor's part of the minutes: every override of the queue's order and every point of
// order with what became of it. Read by field name like the rest of the minutes, so an event of
// an older shape reads as partly unknown, never as an error.

interface OverrideMinute {
  at: Date;
  /** Who overrode the order (the facilitator). */
  by: string | null;
  kind: "reordered" | "grantedOutOfOrder";
  /** Who was moved, or given the floor. */
  userId: string;
  /** Places before and after (1-based); an out-of-order grant goes from its place to the floor (0). */
  from: number;
  to: number;
  /** Everyone passed over. */
  skipped: string[];
  reason: string | null;
}

type PointOutcome = "open" | "granted" | "declined" | "left" | "demoted" | "closed";

interface PointMinute {
  raisedAt: Date;
  userId: string;
  reason: string;
  outcome: PointOutcome;
  /** Who granted or declined it (null while open, or when it lapsed). */
  decidedBy: string | null;
  decidedAt: Date | null;
  /** The reason given for a decline. */
  declineReason: string | null;
}

export interface FloorMinutes {
  overrides: OverrideMinute[];
  points: PointMinute[];
}

const ids = (values: readonly unknown[]) => values.filter((v): v is string => typeof v === "string");

export function floorMinutes(events: readonly RecordedEvent[]): FloorMinutes {
  const overrides: OverrideMinute[] = [];
  const points: PointMinute[] = [];
  // A person has at most one open point: the last one raised is the one a decision closes.
  const openPoint = (userId: string) => points.findLast((p) => p.userId === userId && p.outcome === "open");

  for (const r of events) {
    const p = payloadOf(r.event);
    const userId = str(p, "userId") ?? "";
    switch (r.event.type as string) {
      case "floor.reordered":
      case "floor.grantedOutOfOrder": {
        const outOfOrder = r.event.type === "floor.grantedOutOfOrder";
        overrides.push({
          at: r.at,
          by: r.actorId,
          kind: outOfOrder ? "grantedOutOfOrder" : "reordered",
          userId,
          from: num(p, outOfOrder ? "position" : "from") ?? 0,
          to: outOfOrder ? 0 : (num(p, "to") ?? 0),
          skipped: ids(arr(p, "skipped")),
          reason: str(p, "reason"),
        });
        break;
      }
      case "floor.pointRaised":
        points.push({
          raisedAt: r.at,
          userId,
          reason: str(p, "reason") ?? "",
          outcome: "open",
          decidedBy: null,
          decidedAt: null,
          declineReason: null,
        });
        break;
      case "floor.pointGranted":
      case "floor.pointDeclined":
      case "floor.pointWithdrawn": {
        const point = openPoint(userId);
        if (!point) break;
        const lapsed = r.event.type === "floor.pointWithdrawn";
        point.outcome = lapsed
          ? ((str(p, "reason") as PointOutcome | null) ?? "closed")
          : r.event.type === "floor.pointGranted"
            ? "granted"
            : "declined";
        point.decidedBy = lapsed ? null : r.actorId;
        point.decidedAt = r.at;
        point.declineReason = r.event.type === "floor.pointDeclined" ? str(p, "reason") : null;
        break;
      }
    }
  }
  return { overrides, points };
}
