import type { Db } from "@/server/db/client";
import type { AuditRow } from "@/core/audit/rows";
import type { NameOf } from "@/core/records/describe";

// Names for the ids a record mentions: every actor and every user an event names (members,
// and staff who acted without being members), read from the user table.

/** User ids named anywhere in the rows: actors and `userId` / `...Id` fields of payloads. */
function idsIn(rows: readonly AuditRow[]): Set<string> {
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.actorId) ids.add(row.actorId);
    try {
      const data = JSON.parse(row.payload) as Record<string, unknown>;
      for (const key of ["userId", "authorId"]) {
        const v = data[key];
        if (typeof v === "string") ids.add(v);
      }
    } catch {
      // An unreadable payload names nobody; verification reports it.
    }
  }
  return ids;
}

export interface People {
  /** id -> display name, sorted by id. */
  list: { id: string; name: string }[];
  name: NameOf;
}

export async function peopleOf(
  db: Db,
  rows: readonly AuditRow[],
  extraIds: readonly string[] = [],
): Promise<People> {
  const ids = [...new Set([...idsIn(rows), ...extraIds])];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    list: ids.sort().map((id) => ({ id, name: names.get(id) ?? id })),
    // An id without a user (deleted account) shows as itself: better than a blank.
    name: (id) => (id ? (names.get(id) ?? id) : ""),
  };
}
