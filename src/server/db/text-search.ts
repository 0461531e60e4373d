import type { Db } from "./client";

/**
 * A case-insensitive "contains" filter on both providers: SQLite's LIKE already ignores ASCII
 * case; Postgres compares case-sensitively unless told.
 */
export function containsIgnoringCase(db: Pick<Db, never>, text: string) {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" ? { contains: text, mode: "insensitive" as const } : { contains: text };
}
