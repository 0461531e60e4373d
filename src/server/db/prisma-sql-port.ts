// The SQL port through Prisma's raw queries: Postgres, or SQLite when its connection is out of
// reach. Placeholders become `$1..$n` for Postgres; Prisma binds Dates for either database.
import type { Db, Tx } from "./client";
import type { Provider } from "./migrate";
import type { SqlPort, SqlValue } from "./sql-port";

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function prismaSqlPort(client: Db | Tx, provider: Provider): SqlPort {
  const text = provider === "postgres" ? numbered : (sql: string) => sql;
  return {
    kind: "prisma",
    all: <Row>(sql: string, params: readonly SqlValue[]) =>
      client.$queryRawUnsafe<Row[]>(text(sql), ...params),
    run: (sql: string, params: readonly SqlValue[]) => client.$executeRawUnsafe(text(sql), ...params),
  };
}
