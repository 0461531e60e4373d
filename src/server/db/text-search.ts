import { clientProvider, type Db } from "./client";

/**
 * A case-insensitive "contains" filter on both providers: SQLite's LIKE already ignores ASCII
 * case; Postgres compares case-sensitively unless told.
 */
export function containsIgnoringCase(db: Db, text: string) {
  return clientProvider(db) === "postgres"
    ? { contains: text, mode: "insensitive" as const }
    : { contains: text };
}
