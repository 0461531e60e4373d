#!/usr/bin/env node
// Creates SQL migrations offline, one folder per provider:
//   prisma/migrations/{sqlite,postgres}/<timestamp>_<name>/{migration.sql,schema.prisma}
//
// Usage: npm run migrations:create -- <name>     write a migration if the schema changed
//        node scripts/migrations-create.mjs --check   exit 1 if a migration is missing
//
// Prisma's CLI needs a native schema engine that cannot be downloaded here, so the diff runs in
// @prisma/schema-engine-wasm: from the schema snapshot kept beside the newest migration (or
// from nothing) to the current schema. Schema-to-schema diffs need no database; the engine
// still opens a connection, so a stub adapter answers its few probing queries.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, SOURCE_SCHEMA, derivePostgresSchema } from "./prisma-generate.mjs";

export const MIGRATIONS_ROOT = path.join(ROOT, "prisma", "migrations");
export const PROVIDERS = /** @type {const} */ (["sqlite", "postgres"]);
const SNAPSHOT = "schema.prisma";
const NO_FILTERS = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------------
// Schema engine (wasm)

/** Loads the wasm schema engine module once (Node cannot `import` a .wasm file directly). */
let enginePromise;
function loadEngineModule() {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const glueFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import(pathToFileURL(glueFile).href);
    const wasmFile = path.join(path.dirname(glueFile), "schema_engine_bg.wasm");
    const module = await WebAssembly.compile(fs.readFileSync(wasmFile));
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return enginePromise;
}

const EMPTY_RESULT = { columnNames: [], columnTypes: [], rows: [] };

/** Answers the engine's connection probe. Postgres asks whether the schema exists + version. */
function stubQueryRaw(provider, sql) {
  if (provider === "postgres" && /server_version_num/.test(sql)) {
    // Column types: Boolean = 5, Text = 7, Int32 = 0 (driver-adapter-utils ColumnTypeEnum).
    return {
      columnNames: ["exists", "version", "numeric_version"],
      columnTypes: [5, 7, 0],
      rows: [[true, "PostgreSQL 15.0", 150000]],
    };
  }
  return EMPTY_RESULT;
}

/** A connection that never touches a database: a schema-to-schema diff must not need one. */
function stubConnection(provider) {
  const refuse = async (what) => {
    throw new Error(`schema diff unexpectedly tried to ${what} a database`);
  };
  return {
    provider,
    adapterName: "orchestrasec-diff-stub",
    queryRaw: async ({ sql }) => stubQueryRaw(provider, sql),
    executeRaw: async ({ sql }) => (/^\s*CREATE SCHEMA/i.test(sql) ? 0 : refuse(`run "${sql}" on`)),
    executeScript: () => refuse("run a script on"),
    startTransaction: () => refuse("open a transaction on"),
    dispose: async () => {},
  };
}

async function withEngine(provider, schemaText, use) {
  const glue = await loadEngineModule();
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider,
    adapterName: "orchestrasec-diff-stub",
    connect: async () => stubConnection(provider),
    connectToShadowDb: async () => stubConnection(provider),
  });
  const logs = [];
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[SNAPSHOT, schemaText]] },
    (line) => logs.push(line),
    factory,
  );
  try {
    return await use(engine);
  } catch (error) {
    const detail = logs.length ? `\nengine log:\n${logs.join("\n")}` : "";
    throw new Error(`${error instanceof Error ? error.message : JSON.stringify(error)}${detail}`, {
      cause: error,
    });
  } finally {
    engine.free();
  }
}

/** SQL that turns schema `fromText` (undefined = empty database) into schema `toText`. */
export async function diffSchemas(provider, fromText, toText) {
  const files = (content) => [{ path: SNAPSHOT, content }];
  return withEngine(provider, toText, async (engine) => {
    const result = await engine.diff({
      from: fromText === undefined ? { tag: "empty" } : { tag: "schemaDatamodel", files: files(fromText) },
      to: { tag: "schemaDatamodel", files: files(toText) },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}

/** True when the script has no statements (the engine emits a comment for empty diffs). */
export function isEmptyScript(sql) {
  return sql.replace(/--[^\n]*/g, "").trim() === "";
}

// ---------------------------------------------------------------------------------------------
// Migrations folder

/** Current schema text for a provider (Postgres is derived from the SQLite source). */
export function currentSchema(provider) {
  const source = fs.readFileSync(SOURCE_SCHEMA, "utf8");
  return provider === "sqlite" ? source : derivePostgresSchema(source);
}

/** Migration folder names for a provider, oldest first (names start with a UTC timestamp). */
export function listMigrations(provider, migrationsRoot = MIGRATIONS_ROOT) {
  const dir = path.join(migrationsRoot, provider);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

/** The schema snapshot stored with the newest migration, or undefined if there is none. */
function latestSnapshot(provider, migrationsRoot) {
  const names = listMigrations(provider, migrationsRoot);
  const latest = names.at(-1);
  if (!latest) return undefined;
  const file = path.join(migrationsRoot, provider, latest, SNAPSHOT);
  if (!fs.existsSync(file)) throw new Error(`missing snapshot ${path.relative(ROOT, file)}`);
  return fs.readFileSync(file, "utf8");
}

/** SQL still missing from the migrations folder of a provider ("" when in sync). */
export async function pendingSql(provider, migrationsRoot = MIGRATIONS_ROOT) {
  const sql = await diffSchemas(provider, latestSnapshot(provider, migrationsRoot), currentSchema(provider));
  return isEmptyScript(sql) ? "" : sql;
}

function utcTimestamp(date) {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

/** A timestamp later than every existing migration, so folder order is application order. */
function nextTimestamp(migrationsRoot) {
  let stamp = utcTimestamp(new Date());
  const newest = PROVIDERS.flatMap((p) => listMigrations(p, migrationsRoot))
    .map((n) => n.slice(0, 14))
    .sort()
    .at(-1);
  if (newest && stamp <= newest) stamp = String(BigInt(newest) + 1n);
  return stamp;
}

function sanitizeName(raw) {
  const name = String(raw ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 150);
  if (!name) throw new Error("usage: npm run migrations:create -- <name>");
  return name;
}

function writeMigration(provider, folder, sql, schemaText, migrationsRoot) {
  const providerDir = path.join(migrationsRoot, provider);
  const dir = path.join(providerDir, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql.endsWith("\n") ? sql : `${sql}\n`);
  fs.writeFileSync(path.join(dir, SNAPSHOT), schemaText);
  // Prisma's own tooling (`prisma migrate deploy`) expects this file in a migrations folder.
  const lockProvider = provider === "postgres" ? "postgresql" : provider;
  fs.writeFileSync(
    path.join(providerDir, "migration_lock.toml"),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${lockProvider}"\n`,
  );
  return dir;
}

/** Writes a migration for every provider whose schema changed; returns the folders written. */
export async function createMigration(rawName, migrationsRoot = MIGRATIONS_ROOT) {
  const name = sanitizeName(rawName);
  const pending = [];
  for (const provider of PROVIDERS) {
    const sql = await pendingSql(provider, migrationsRoot);
    if (sql) pending.push({ provider, sql });
  }
  if (pending.length === 0) return [];
  const folder = `${nextTimestamp(migrationsRoot)}_${name}`;
  return pending.map(({ provider, sql }) =>
    writeMigration(provider, folder, sql, currentSchema(provider), migrationsRoot),
  );
}

/** Providers whose migrations lag behind prisma/schema.prisma. */
export async function outOfSyncProviders(migrationsRoot = MIGRATIONS_ROOT) {
  const stale = [];
  for (const provider of PROVIDERS) {
    if (await pendingSql(provider, migrationsRoot)) stale.push(provider);
  }
  return stale;
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(args) {
  if (args.includes("--check")) {
    const stale = await outOfSyncProviders();
    if (stale.length) {
      console.error(
        `migrations are behind prisma/schema.prisma for: ${stale.join(", ")}.\n` +
          "Run `npm run migrations:create -- <name>`.",
      );
      return 1;
    }
    console.log("migrations are in sync with prisma/schema.prisma");
    return 0;
  }
  const written = await createMigration(args.find((arg) => !arg.startsWith("-")));
  if (written.length === 0) {
    console.log("No schema changes since the last migration: nothing written.");
    return 0;
  }
  for (const dir of written) console.log(`created ${path.relative(ROOT, dir)}/migration.sql`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`migrations-create: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
