import { dbDate, type SqlPort } from "@/server/db/sql-port";
import type { AuditRow } from "@/core/audit/rows";

// Writes a command's audit rows with one multi-row INSERT and moves the chain head with one
// UPDATE: the log's append path is the hottest write of the app (see bench/run.ts). A row's id
// is its place in the log, "<meetingId>:<seq>": unique as that pair is, and, unlike a cuid, it
// carries no creation time of its own.

/** The stored row at `seq`, as verification reads it (null when there is none). */
export async function readAuditRow(sql: SqlPort, meetingId: string, seq: number): Promise<AuditRow | null> {
  const [row] = await sql.all<Omit<AuditRow, "at" | "seq"> & { at: unknown; seq: number | bigint }>(
    `SELECT "seq", "type", "actorId", "payload", "at", "prevHash", "hash" FROM "AuditEvent" WHERE "id" = ?`,
    [`${meetingId}:${seq}`],
  );
  return row ? { ...row, seq: Number(row.seq), at: dbDate(row.at) } : null;
}

/** Rows per statement: 9 parameters each stays far below both databases' parameter limits. */
const CHUNK = 500;

const ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

const insertSql = (rows: number) =>
  `INSERT INTO "AuditEvent" ("id", "meetingId", "seq", "type", "actorId", "payload", "at", "prevHash", "hash") VALUES ${Array(rows).fill(ROW).join(", ")}`;

/**
 * Appends `rows` (in order, already chained), makes the last one the meeting's head and records
 * how far the stored log is verified.
 */
export async function appendAuditRows(
  sql: SqlPort,
  meetingId: string,
  rows: readonly AuditRow[],
  verifiedThrough: number,
): Promise<void> {
  if (!rows.length) return;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await sql.run(
      insertSql(chunk.length),
      chunk.flatMap((r) => [
        `${meetingId}:${r.seq}`,
        meetingId,
        r.seq,
        r.type,
        r.actorId,
        r.payload,
        r.at,
        r.prevHash,
        r.hash,
      ]),
    );
  }
  const head = rows[rows.length - 1];
  await sql.run(`UPDATE "Meeting" SET "lastSeq" = ?, "lastHash" = ?, "verifiedThrough" = ? WHERE "id" = ?`, [
    head.seq,
    head.hash,
    verifiedThrough,
    meetingId,
  ]);
}
