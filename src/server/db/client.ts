// One PrismaClient factory for both providers, picked from the database URL.
//
// The generated clients are provider-specific (src/generated/{sqlite,postgres}) but share the
// same model API, so the rest of the code is typed against the SQLite one (`Db`).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqlitePrismaClient, type Prisma } from "../../generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "../../generated/postgres/client";
import { providerOf, sqliteFilePath } from "./migrate";

export { providerOf };
export type { Provider } from "./migrate";

export type Db = SqlitePrismaClient;
/** The client handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

/** How long a SQLite connection waits for the current writer before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Readers must not block the writer and several processes share one file, so the database is
 * switched to WAL once (the mode is stored in the file) before Prisma opens it.
 */
function prepareSqliteFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

function createSqlitePrisma(url: string): Db {
  const file = sqliteFilePath(url);
  prepareSqliteFile(file);
  // `timeout` is better-sqlite3's busy_timeout: wait for the writer instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new SqlitePrismaClient({ adapter });
}

function createPostgresPrisma(url: string): Db {
  const adapter = new PrismaPg({ connectionString: url });
  // Same models, same API; only the generated query compiler differs.
  return new PostgresPrismaClient({ adapter }) as unknown as Db;
}

/** A PrismaClient for `file:...` (SQLite) or `postgres(ql)://...` URLs. */
export function createPrisma(url: string): Db {
  return providerOf(url) === "sqlite" ? createSqlitePrisma(url) : createPostgresPrisma(url);
}
