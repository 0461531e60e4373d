// One PrismaClient factory for both providers, picked from the database URL.
//
// The generated clients are provider-specific (src/generated/{sqlite,postgres}) but share the
// same model API, so the rest of the code is typed against the SQLite one (`Db`).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient as SqlitePrismaClient, type Prisma } from "../../generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "../../generated/postgres/client";
import { providerOf, sqliteFilePath, type Provider } from "./migrate";
import { startWalCheckpointer } from "./wal-checkpointer";
import { ConnectionLock, lockedAdapter } from "./connection-lock";

export { providerOf };
export type { Provider };

export type Db = SqlitePrismaClient;
/** The client handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;
/** Rows as the ORM returns them (the same on both providers). */
export type { AuditEvent, Proposal, User } from "../../generated/sqlite/client";

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

interface ClientInfo {
  provider: Provider;
  /** The better-sqlite3 connection under a SQLite client, once Prisma has opened it. */
  sqlite?: Database.Database;
  /** Who has that connection now: a transaction or one statement (connection-lock.ts). */
  lock?: ConnectionLock;
}

/**
 * Kept on the client itself under a registry symbol, not in a module-level map: the Next bundle
 * and server.ts each load their own copy of this module but share the client (deps.ts).
 */
const INFO = Symbol.for("orchestrasec.db.clientInfo");

function attachInfo(db: Db, info: ClientInfo): Db {
  Object.defineProperty(db, INFO, { value: info });
  return db;
}

function infoOf(db: Db): ClientInfo {
  const info = (db as unknown as Record<symbol, ClientInfo | undefined>)[INFO];
  if (!info) throw new Error("Not a client made by createPrisma");
  return info;
}

/** Which database a client made by `createPrisma` talks to. */
export const clientProvider = (db: Db): Provider => infoOf(db).provider;

/** The connection a SQLite client runs every query and transaction on (see sql-port.ts). */
export const sqliteConnectionOf = (db: Db): Database.Database | undefined => infoOf(db).sqlite;

/** The lock on that connection: taken by statements run on it outside a transaction. */
export const sqliteLockOf = (db: Db): ConnectionLock | undefined => infoOf(db).lock;

/**
 * Wraps the adapter factory to keep the connection it opens, to give that connection to one
 * transaction or statement at a time (connection-lock.ts), and to checkpoint its log in a worker
 * (wal-checkpointer.ts) until the client disconnects. The adapter has the
 * connection only as its untyped `client` field; should an upgrade hide it, the event log falls
 * back to Prisma's raw queries (slower, same results) and tests/integration/sql-port.contract
 * fails.
 */
function capturingConnection(
  factory: PrismaBetterSqlite3,
  file: string,
  info: ClientInfo,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "sqlite",
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      const lock = (info.lock ??= new ConnectionLock());
      const connection = (adapter as { client?: unknown }).client;
      if (!(connection instanceof Database)) return lockedAdapter(adapter, lock, async () => undefined);
      info.sqlite = connection;
      // Deleted rows are overwritten with zeros instead of lingering in free space: a secret
      // ballot's choices are deleted once counted (services/secret-ballot.ts).
      connection.pragma("secure_delete = ON");
      const checkpointer = startWalCheckpointer(connection, file);
      return lockedAdapter(adapter, lock, () => checkpointer.stop());
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

function createSqlitePrisma(url: string): Db {
  const file = sqliteFilePath(url);
  prepareSqliteFile(file);
  // `timeout` is better-sqlite3's busy_timeout: wait for the writer instead of failing.
  const factory = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const info: ClientInfo = { provider: "sqlite" };
  return attachInfo(new SqlitePrismaClient({ adapter: capturingConnection(factory, file, info) }), info);
}

function createPostgresPrisma(url: string): Db {
  const adapter = new PrismaPg({ connectionString: url });
  // Same models, same API; only the generated query compiler differs.
  return attachInfo(new PostgresPrismaClient({ adapter }) as unknown as Db, { provider: "postgres" });
}

/** A PrismaClient for `file:...` (SQLite) or `postgres(ql)://...` URLs. */
export function createPrisma(url: string): Db {
  return providerOf(url) === "sqlite" ? createSqlitePrisma(url) : createPostgresPrisma(url);
}
