import { Prisma } from "@/generated/sqlite/client";
import type { Tx } from "@/server/db/client";
import type { AuditRow } from "@/core/audit/verify";

// Writes a command's audit rows with one multi-row INSERT instead of one ORM call per event: the
// log's append path is the hottest write of the app (see bench/run.ts). Plain SQL that both
// SQLite and Postgres accept; dates are bound as parameters, so each driver stores them exactly
// as the ORM would. A row's id is its place in the log, "<meetingId>:<seq>": unique as that pair
// is, and, unlike a cuid, it carries no creation time of its own.

/** Rows per statement: 9 parameters each stays far below both databases' parameter limits. */
const CHUNK = 500;

export async function insertAuditRows(tx: Tx, meetingId: string, rows: readonly AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${`${meetingId}:${r.seq}`}, ${meetingId}, ${r.seq}, ${r.type}, ${r.actorId}, ${r.payload}, ${r.at}, ${r.prevHash}, ${r.hash})`,
      );
    await tx.$executeRaw`INSERT INTO "AuditEvent" ("id", "meetingId", "seq", "type", "actorId", "payload", "at", "prevHash", "hash") VALUES ${Prisma.join(values)}`;
  }
}
