import type { Caller, Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import { assertAllowedGlobally } from "@/core/permissions";
import { adminAuditEntry, verifyAdminChain, ADMIN_CHAIN_GENESIS } from "@/core/admin-audit/chain";
import { toCsv } from "@/core/records/csv";

/** Reading the admin audit log: pages for the console, a chain check, and the CSV export. */

type Db = Deps["db"];

async function peopleById(db: Db, ids: Iterable<string | null>) {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  const users = await db.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
}

async function readEntries(db: Db, where: { olderThan?: number }, limit?: number) {
  const rows = await db.adminAuditEvent.findMany({
    where: where.olderThan ? { seq: { lt: where.olderThan } } : undefined,
    orderBy: { seq: "desc" },
    take: limit,
  });
  const people = await peopleById(
    db,
    rows.flatMap((r) => [r.actorId, r.targetUserId]),
  );
  const person = (id: string | null) => (id ? { id, ...(people.get(id) ?? { name: "?", email: "" }) } : null);
  return rows.map((row) => {
    const { event } = adminAuditEntry(row);
    const { action, ...details } = event;
    return {
      seq: row.seq,
      at: row.at.toISOString(),
      action,
      details: details as Record<string, string | number>,
      actor: person(row.actorId),
      target: person(row.targetUserId),
      hash: row.hash,
      prevHash: row.prevHash,
    };
  });
}

/** Newest first, `limit` at a time. */
export async function listAdminAudit(ctx: Caller, input: { cursor?: number; limit: number }) {
  assertAllowedGlobally(ctx.session, "admin.audit.read");
  const entries = await readEntries(ctx.db, { olderThan: input.cursor }, input.limit + 1);
  const page = entries.slice(0, input.limit);
  return { entries: page, nextCursor: entries.length > input.limit ? page[page.length - 1].seq : null };
}

/** Re-walks the whole chain against its stored head. */
export async function verifyAdminAudit(ctx: Caller) {
  assertAllowedGlobally(ctx.session, "admin.audit.read");
  const [rows, head] = await Promise.all([
    ctx.db.adminAuditEvent.findMany({ orderBy: { seq: "asc" } }),
    ctx.db.adminAuditHead.findUnique({ where: { id: 1 } }),
  ]);
  return verifyAdminChain(rows, head ?? { lastSeq: 0, lastHash: ADMIN_CHAIN_GENESIS });
}

const CSV_HEADER = [
  "seq",
  "at",
  "action",
  "actor_id",
  "actor_email",
  "target_id",
  "target_email",
  "details",
  "prev_hash",
  "hash",
];

/** The whole log, oldest first, as CSV (spreadsheet-safe: see core/records/csv.ts); a plain GET. */
export async function adminAuditCsv(deps: Pick<Deps, "db">, viewer: SessionUser | null): Promise<string> {
  assertAllowedGlobally(viewer, "admin.audit.read");
  const entries = (await readEntries(deps.db, {})).reverse();
  return toCsv([
    CSV_HEADER,
    ...entries.map((e) => [
      e.seq,
      e.at,
      e.action,
      e.actor?.id ?? null,
      e.actor?.email ?? null,
      e.target?.id ?? null,
      e.target?.email ?? null,
      JSON.stringify(e.details),
      e.prevHash,
      e.hash,
    ]),
  ]);
}
