// The SQL port straight on better-sqlite3: prepared once, run synchronously, no ORM in between.
// It uses the Prisma client's own connection, so inside `db.$transaction` the statements belong
// to Prisma's open transaction and commit or roll back with it.
import type Database from "better-sqlite3";
import type { SqlPort, SqlValue } from "./sql-port";

/** Statements kept per connection; texts vary only with the row count of a multi-row INSERT. */
const MAX_STATEMENTS = 64;

const ports = new WeakMap<Database.Database, SqlPort>();

/** How the Prisma adapter writes a DateTime (its default `timestampFormat: "iso8601"`). */
const sqliteDateText = (d: Date) => d.toISOString().replace("Z", "+00:00");

const bindable = (v: SqlValue) => (v instanceof Date ? sqliteDateText(v) : v);

export function sqliteSqlPort(connection: Database.Database): SqlPort {
  let port = ports.get(connection);
  if (port) return port;
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      // Least recently used first: re-insert on use.
      statements.delete(sql);
    } else {
      if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
      // The adapter turns on safe integers for the connection; our counts fit in a number.
      statement = connection.prepare(sql).safeIntegers(false);
    }
    statements.set(sql, statement);
    return statement;
  };
  port = {
    kind: "sqlite-direct",
    all: <Row>(sql: string, params: readonly SqlValue[]) =>
      Promise.resolve(prepared(sql).all(...params.map(bindable)) as Row[]),
    run: (sql: string, params: readonly SqlValue[]) =>
      Promise.resolve(prepared(sql).run(...params.map(bindable)).changes),
  };
  ports.set(connection, port);
  return port;
}
