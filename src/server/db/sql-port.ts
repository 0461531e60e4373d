// A few plain SQL statements that run the same on both databases, for the event log's hot path
// (lock the meeting, read its snapshot, append audit rows): the ORM costs far more than these
// statements themselves (bench/run.ts). Write `?` placeholders and double-quoted identifiers.
//
// Three ports implement it: better-sqlite3 directly on the Prisma client's own SQLite connection
// (so the statements join Prisma's open transaction), and Prisma's raw queries (Postgres, or
// SQLite when that connection cannot be reached). tests/integration/sql-port.contract.test.ts
// holds all three to the same results.
import type { Db, Tx } from "./client";
import { clientProvider, sqliteConnectionOf, sqliteLockOf } from "./client";
import type { ConnectionLock } from "./connection-lock";
import { prismaSqlPort } from "./prisma-sql-port";
import { sqliteSqlPort } from "./sqlite-sql-port";

export type SqlValue = string | number | null | Date;

export interface SqlPort {
  readonly kind: "sqlite-direct" | "prisma";
  /** The rows of a SELECT. Dates come back as the driver gives them: read them with `dbDate`. */
  all<Row>(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
  /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
  run(sql: string, params: readonly SqlValue[]): Promise<number>;
}

/**
 * The port for `db`, or for `tx` inside one of its transactions. On SQLite the direct port
 * needs the client connected, which a transaction always is.
 */
export async function sqlPortOf(db: Db, tx?: Tx): Promise<SqlPort> {
  if (clientProvider(db) === "sqlite") {
    let connection = sqliteConnectionOf(db);
    if (!connection && !tx) {
      await db.$connect();
      connection = sqliteConnectionOf(db);
    }
    const lock = sqliteLockOf(db);
    if (connection && lock)
      return tx ? sqliteSqlPort(connection) : underLock(sqliteSqlPort(connection), lock);
  }
  return prismaSqlPort(tx ?? db, clientProvider(db));
}

/** Outside a transaction the connection may be a transaction's: wait for it to end first. */
const underLock = (port: SqlPort, lock: ConnectionLock): SqlPort => ({
  kind: port.kind,
  all: (sql, params) => lock.run(() => port.all(sql, params)),
  run: (sql, params) => lock.run(() => port.run(sql, params)),
});

/** SQLite's CURRENT_TIMESTAMP text ("2026-11-22 02:23:15") is UTC without saying so. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** A DATETIME column as a Date, from any driver's representation (Date, ISO text, epoch ms). */
export function dbDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  if (typeof value === "string")
    return new Date(ZONELESS.test(value) ? `${value.replace(" ", "T")}Z` : value);
  throw new TypeError(`Not a date: ${String(value)}`);
}

export const dbDateOrNull = (value: unknown): Date | null => (value === null ? null : dbDate(value));
