// The SQL migrations must agree with the generated Prisma client, on the provider TEST_DB picks.
//
// The model and field lists come from the generated client itself (its runtime data model,
// cross-checked against the public Prisma.ModelName and *ScalarFieldEnum objects), so a model
// or field added later is covered without touching this file.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/sqlite/client";
import * as generatedEnums from "../../src/generated/sqlite/enums";
import type { Db } from "../../src/server/db/client";
import { migrate, migrationsDirFor, readMigrations } from "../../src/server/db/migrate";
import { freshDatabase, PROJECT_ROOT, testProvider, type FreshDatabase } from "../helpers/database";

// ---------------------------------------------------------------------------------------------
// The client's data model

interface RuntimeField {
  name: string;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  dbName?: string | null;
  relationName?: string;
}

interface RuntimeModel {
  fields: RuntimeField[];
  dbName: string | null;
}

interface Field {
  name: string;
  column: string;
  kind: RuntimeField["kind"];
  type: string;
}

interface Model {
  name: string;
  table: string;
  /** Scalar and enum fields: the ones stored in the model's own table. */
  fields: Field[];
  relationNames: string[];
}

function runtimeModels(prisma: Db): Record<string, RuntimeModel> {
  const dataModel = (prisma as unknown as { _runtimeDataModel?: { models?: Record<string, RuntimeModel> } })
    ._runtimeDataModel;
  if (!dataModel?.models) {
    throw new Error("PrismaClient no longer exposes _runtimeDataModel: update this test to read the models");
  }
  return dataModel.models;
}

function modelsOf(prisma: Db): Model[] {
  return Object.entries(runtimeModels(prisma)).map(([name, model]) => ({
    name,
    table: model.dbName ?? name,
    fields: model.fields
      .filter((field) => field.kind !== "object")
      .map((field) => ({
        name: field.name,
        column: field.dbName ?? field.name,
        kind: field.kind,
        type: field.type,
      })),
    relationNames: model.fields.flatMap((field) => (field.relationName ? [field.relationName] : [])),
  }));
}

/** The public `Prisma.<Model>ScalarFieldEnum` values of a model. */
function publicScalarFields(model: string): string[] {
  const fieldEnum = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[
    `${model}ScalarFieldEnum`
  ];
  if (!fieldEnum) throw new Error(`Prisma.${model}ScalarFieldEnum is missing`);
  return Object.values(fieldEnum);
}

// ---------------------------------------------------------------------------------------------
// The database catalog

interface ForeignKey {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
}

interface Catalog {
  /** Table name -> its column names. */
  tables: Map<string, string[]>;
  foreignKeys: ForeignKey[];
}

const SQLITE_COLUMNS = `
  SELECT m.name AS "table", p.name AS "column"
  FROM sqlite_master m JOIN pragma_table_info(m.name) p
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

const SQLITE_FOREIGN_KEYS = `
  SELECT m.name AS "table", f."from" AS "column", f."table" AS "refTable", f."to" AS "refColumn"
  FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
  WHERE m.type = 'table'`;

const POSTGRES_COLUMNS = `
  SELECT c.table_name::text AS "table", c.column_name::text AS "column"
  FROM information_schema.columns c
  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
  WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`;

const POSTGRES_FOREIGN_KEYS = `
  SELECT cl.relname::text AS "table", a.attname::text AS "column",
         rcl.relname::text AS "refTable", ra.attname::text AS "refColumn"
  FROM pg_constraint c
  JOIN pg_class cl ON cl.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = cl.relnamespace
  JOIN pg_class rcl ON rcl.oid = c.confrelid
  CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, refcol)
  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
  JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol
  WHERE c.contype = 'f' AND n.nspname = current_schema()`;

async function readCatalog(db: FreshDatabase): Promise<Catalog> {
  const sqlite = db.provider === "sqlite";
  const columns = await db.prisma.$queryRawUnsafe<{ table: string; column: string }[]>(
    sqlite ? SQLITE_COLUMNS : POSTGRES_COLUMNS,
  );
  const foreignKeys = await db.prisma.$queryRawUnsafe<ForeignKey[]>(
    sqlite ? SQLITE_FOREIGN_KEYS : POSTGRES_FOREIGN_KEYS,
  );
  const tables = new Map<string, string[]>();
  for (const { table, column } of columns) tables.set(table, [...(tables.get(table) ?? []), column]);
  return { tables, foreignKeys };
}

// ---------------------------------------------------------------------------------------------
// Sample rows

const enums = generatedEnums as unknown as Record<string, Record<string, string> | undefined>;

/** A non-default value of the field's type; `seq` keeps values unique across fields. */
function sampleValue(model: Model, field: Field, seq: number): unknown {
  if (field.kind === "enum") {
    const values = Object.values(enums[field.type] ?? {});
    if (values.length === 0) throw new Error(`enum ${field.type} not found in the generated client`);
    return values[values.length - 1];
  }
  switch (field.type) {
    case "String":
      return `${model.name}.${field.name}#${seq}`;
    case "Int":
      return 1_000 + seq;
    case "BigInt":
      return 2n ** 40n + BigInt(seq);
    case "Float":
      return seq + 0.5;
    case "Decimal":
      return new Prisma.Decimal(`${seq}.25`);
    case "Boolean":
      return true;
    case "DateTime":
      // Millisecond precision: both SQLite (ISO text) and Postgres TIMESTAMP(3) keep it.
      return new Date(Date.UTC(2001, 1, 3, 4, 5, 6, 789) + seq * 1_000);
    case "Json":
      return { seq, list: [1, "two", null], nested: { ok: true } };
    case "Bytes":
      return new Uint8Array([1, 2, 3, seq % 256]);
    default:
      throw new Error(
        `${model.name}.${field.name}: no sample value for type ${field.type}; extend sampleValue()`,
      );
  }
}

/** Models ordered so that every referenced (parent) model comes before its children. */
function creationOrder(models: Model[], foreignKeys: ForeignKey[]): Model[] {
  const byTable = new Map(models.map((model) => [model.table, model]));
  const ordered: Model[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (model: Model, path: string[]) => {
    if (state.get(model.name) === "done") return;
    if (state.get(model.name) === "visiting") {
      throw new Error(`foreign keys form a cycle (${[...path, model.name].join(" -> ")}); extend this test`);
    }
    state.set(model.name, "visiting");
    for (const fk of foreignKeys.filter((key) => key.table === model.table && key.refTable !== model.table)) {
      const parent = byTable.get(fk.refTable);
      if (parent) visit(parent, [...path, model.name]);
    }
    state.set(model.name, "done");
    ordered.push(model);
  };
  for (const model of models) visit(model, []);
  return ordered;
}

function fieldOfColumn(model: Model, column: string): Field {
  const field = model.fields.find((candidate) => candidate.column === column);
  if (!field) throw new Error(`${model.table}.${column} matches no field of model ${model.name}`);
  return field;
}

/** One row with every field set; foreign keys point at the parents' rows. */
function sampleRow(
  model: Model,
  index: number,
  catalog: Catalog,
  byTable: Map<string, Model>,
  rows: Map<string, Record<string, unknown>>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  model.fields.forEach((field, i) => (row[field.name] = sampleValue(model, field, index * 100 + i)));
  for (const fk of catalog.foreignKeys.filter((key) => key.table === model.table)) {
    const parent = byTable.get(fk.refTable);
    if (!parent) throw new Error(`${model.table} references unknown table ${fk.refTable}`);
    const parentRow = parent === model ? row : rows.get(parent.name);
    if (!parentRow) throw new Error(`no row of ${parent.name} yet for ${model.name}`);
    row[fieldOfColumn(model, fk.column).name] = parentRow[fieldOfColumn(parent, fk.refColumn).name];
  }
  return row;
}

/** Comparable form of the values Prisma returns. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return Array.from(value);
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  return value;
}

interface Delegate {
  create(args: { data: Record<string, unknown> }): Promise<unknown>;
  findMany(): Promise<Record<string, unknown>[]>;
}

function delegateOf(prisma: Db, model: string): Delegate {
  const delegate = (prisma as unknown as Record<string, Delegate | undefined>)[
    model[0].toLowerCase() + model.slice(1)
  ];
  if (!delegate) throw new Error(`no client delegate for model ${model}`);
  return delegate;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the process-level checks

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Runs migrate() in a separate Node process (through tsx, as server.ts does).
const MIGRATE_IN_CHILD = `
  const { migrate } = await import(process.env.MIGRATE_MODULE);
  const applied = await migrate(process.env.DB_URL, { root: process.env.PROJECT_ROOT });
  console.log(JSON.stringify(applied));`;

const migrationsOnDisk = (db: FreshDatabase) =>
  readMigrations(migrationsDirFor(db.provider, { root: PROJECT_ROOT }));

async function migrationRows(db: FreshDatabase) {
  return db.prisma.$queryRawUnsafe<
    { migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number | bigint }[]
  >(
    `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
  );
}

/** A throwaway migrations folder holding the given scripts, in order. */
function migrationsFolder(scripts: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrasec-migrations-"));
  scripts.forEach((sql, i) => {
    const folder = path.join(dir, `2000010100000${i}_step${i}`);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "migration.sql"), sql);
  });
  return dir;
}

async function count(db: FreshDatabase, table: string): Promise<number> {
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "${table}"`,
  );
  return Number(row?.n);
}

// ---------------------------------------------------------------------------------------------

describe(`migrations (${testProvider()})`, () => {
  let db: FreshDatabase;
  let models: Model[];

  beforeAll(async () => {
    db = await freshDatabase();
    models = modelsOf(db.prisma);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("reads the model list from the generated client", () => {
    expect(models.map((model) => model.name).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    for (const model of models) {
      expect(model.fields.map((field) => field.name).sort(), model.name).toEqual(
        publicScalarFields(model.name).sort(),
      );
    }
  });

  it("creates a table with a column for every model field, and no stray tables", async () => {
    const catalog = await readCatalog(db);
    for (const model of models) {
      const columns = catalog.tables.get(model.table);
      expect.soft(columns, `table "${model.table}" of model ${model.name}`).toBeDefined();
      expect
        .soft([...(columns ?? [])].sort(), `columns of "${model.table}"`)
        .toEqual(model.fields.map((field) => field.column).sort());
    }
    // Besides the models' tables: the runner's bookkeeping and implicit many-to-many tables.
    const expected = new Set([
      "_prisma_migrations",
      ...models.map((model) => model.table),
      ...models.flatMap((model) => model.relationNames.map((name) => `_${name}`)),
    ]);
    expect([...catalog.tables.keys()].filter((table) => !expected.has(table))).toEqual([]);
  });

  it("writes and reads back every field of every model", async () => {
    const catalog = await readCatalog(db);
    const byTable = new Map(models.map((model) => [model.table, model]));
    const rows = new Map<string, Record<string, unknown>>();
    for (const [index, model] of creationOrder(models, catalog.foreignKeys).entries()) {
      const row = sampleRow(model, index, catalog, byTable, rows);
      try {
        await delegateOf(db.prisma, model.name).create({ data: row });
      } catch (error) {
        throw new Error(`cannot create a ${model.name}: ${error instanceof Error ? error.message : error}`, {
          cause: error,
        });
      }
      rows.set(model.name, row);
    }
    for (const model of models) {
      const stored = await delegateOf(db.prisma, model.name).findMany();
      expect(stored, `rows of ${model.name}`).toHaveLength(1);
      const written = rows.get(model.name) ?? {};
      for (const field of model.fields) {
        expect
          .soft(comparable(stored[0]?.[field.name]), `${model.name}.${field.name}`)
          .toEqual(comparable(written[field.name]));
      }
    }
  });

  it("records every migration the way Prisma does, and a second run is a no-op", async () => {
    const onDisk = migrationsOnDisk(db);
    expect(await migrate(db.url, { root: PROJECT_ROOT })).toEqual([]);
    const rows = await migrationRows(db);
    expect(rows.map((row) => row.migration_name)).toEqual(onDisk.map((migration) => migration.name));
    expect(rows.map((row) => row.checksum)).toEqual(onDisk.map((migration) => migration.checksum));
    for (const row of rows) {
      expect(row.finished_at, row.migration_name).not.toBeNull();
      expect(Number(row.applied_steps_count), row.migration_name).toBe(1);
    }
  });

  it("applies each migration once when several processes migrate at the same time", async () => {
    const empty = await freshDatabase({ migrated: false });
    try {
      const env = {
        DB_URL: empty.url,
        PROJECT_ROOT,
        MIGRATE_MODULE: new URL("../../src/server/db/migrate.ts", import.meta.url).href,
      };
      const runs = await Promise.all(
        [1, 2, 3].map(() => run(["--import", "tsx", "--input-type=module", "-e", MIGRATE_IN_CHILD], env)),
      );
      for (const result of runs) expect(result.code, result.stderr).toBe(0);
      const applied = runs.flatMap(
        (result) => JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "[]") as string[],
      );
      const names = migrationsOnDisk(empty).map((migration) => migration.name);
      expect(applied.sort()).toEqual([...names].sort());
      expect((await migrationRows(empty)).map((row) => row.migration_name)).toEqual(names);
    } finally {
      await empty.drop();
    }
  });

  it("has a migration for every change of prisma/schema.prisma", async () => {
    const result = await run(["scripts/migrations-create.mjs", "--check"]);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const empty = await freshDatabase({ migrated: false });
    const dir = migrationsFolder([
      `CREATE TABLE "first" ("id" INTEGER PRIMARY KEY);`,
      `CREATE TABLE "second" ("id" INTEGER PRIMARY KEY);\nSELECT * FROM "no_such_table";`,
    ]);
    try {
      await expect(migrate(empty.url, { migrationsDir: dir })).rejects.toThrow(/no_such_table/);
      const rows = await migrationRows(empty);
      expect(rows.map((row) => row.migration_name)).toEqual(["20000101000000_step0"]);
      const catalog = await readCatalog(empty);
      expect(catalog.tables.has("first")).toBe(true);
      expect(catalog.tables.has("second")).toBe(false);
    } finally {
      await empty.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Prisma's SQLite scripts rebuild a table with DROP + RENAME. Inside a transaction their
  // `PRAGMA foreign_keys=OFF` is ignored, so unless the runner turns foreign keys off itself,
  // dropping a parent table would cascade-delete the children's rows.
  it.runIf(testProvider() === "sqlite")(
    "keeps child rows when a SQLite migration rebuilds their parent table",
    async () => {
      const empty = await freshDatabase({ migrated: false });
      const dir = migrationsFolder([
        `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY, "old" TEXT);
CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
  CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
INSERT INTO "Parent" ("id", "old") VALUES ('p', 'x');
INSERT INTO "Child" ("id", "parentId") VALUES ('c', 'p');`,
        `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY);
INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`,
      ]);
      try {
        expect(await migrate(empty.url, { migrationsDir: dir })).toHaveLength(2);
        expect(await count(empty, "Parent")).toBe(1);
        expect(await count(empty, "Child")).toBe(1);
      } finally {
        await empty.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
