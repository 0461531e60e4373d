import type { SqlPort } from "@/server/db/sql-port";
import type { RecordedEvent } from "@/core/events";
import type { FloorEvent } from "@/core/tokens/floor-events";
import { refuse } from "@/core/errors";
import { newId } from "./ids";

// The fair floor's tables: the meeting's queue policy, and open points of order. The unique key
// (meeting, person) makes "at most one open point of order per person" the database's own rule.
// Overrides of the order change no table: the order is computed from the log (floor-order.ts).

export async function projectFloor(sql: SqlPort, r: RecordedEvent, e: FloorEvent): Promise<void> {
  switch (e.type) {
    case "floor.policySet":
      await sql.run(`UPDATE "Meeting" SET "queuePolicy" = ? WHERE "id" = ?`, [e.to, r.meetingId]);
      return;
    case "floor.pointRaised":
      await sql.run(
        `INSERT INTO "PointOfOrder" ("id", "meetingId", "userId", "reason", "ticket", "raisedAt") VALUES (?, ?, ?, ?, ?, ?)`,
        [newId("point"), r.meetingId, e.userId, e.reason, r.seq, r.at],
      );
      return;
    case "floor.pointGranted":
    case "floor.pointDeclined":
    case "floor.pointWithdrawn": {
      const closed = await sql.run(`DELETE FROM "PointOfOrder" WHERE "meetingId" = ? AND "userId" = ?`, [
        r.meetingId,
        e.userId,
      ]);
      if (closed !== 1) throw refuse("POINT_NO_LONGER_OPEN");
      return;
    }
    case "floor.reordered":
    case "floor.grantedOutOfOrder":
      return;
  }
}
