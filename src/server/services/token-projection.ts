import type { SqlPort } from "@/server/db/sql-port";
import type { MeetingEvent, RecordedEvent } from "@/core/events";
import { refuse } from "@/core/errors";
import { newId } from "./ids";

type TokenEvent = Extract<MeetingEvent, { type: `token.${string}` }>;

// The token's tables through plain SQL (sql-port.ts): asking for and passing the floor are the
// commands people make most. Every change is conditional and counted, so the database itself
// refuses a second holder or a stale queue even if two processes raced past the engine's checks.

async function once(changed: Promise<number>): Promise<void> {
  if ((await changed) !== 1) throw refuse("TOKEN_CHANGED");
}

const leaveQueue = (sql: SqlPort, meetingId: string, userId: string) =>
  sql.run(`DELETE FROM "QueueEntry" WHERE "meetingId" = ? AND "userId" = ?`, [meetingId, userId]);

export async function projectToken(sql: SqlPort, r: RecordedEvent, e: TokenEvent): Promise<void> {
  const { meetingId, at } = r;
  switch (e.type) {
    case "token.requested":
      // The request's sequence number is its ticket: a strict first-come order.
      await sql.run(
        `INSERT INTO "QueueEntry" ("id", "meetingId", "userId", "ticket", "requestedAt") VALUES (?, ?, ?, ?, ?)`,
        [newId("queue"), meetingId, e.userId, r.seq, at],
      );
      return;
    case "token.withdrawn":
      return once(leaveQueue(sql, meetingId, e.userId));
    case "token.granted":
      await leaveQueue(sql, meetingId, e.userId); // granted from the queue, or directly
      return once(
        sql.run(
          `UPDATE "Meeting" SET "holderId" = ?, "holderSince" = ? WHERE "id" = ? AND "holderId" IS NULL`,
          [e.userId, at, meetingId],
        ),
      );
    case "token.released":
      return once(
        sql.run(
          `UPDATE "Meeting" SET "holderId" = NULL, "holderSince" = NULL WHERE "id" = ? AND "holderId" = ?`,
          [meetingId, e.userId],
        ),
      );
  }
}
