// Applies the project's SQL migrations (prisma/migrations/<provider>/<name>/migration.sql).
//
// Prisma's `migrate deploy` needs a native engine these machines cannot download, so this small
// runner does the same job with the plain drivers (it runs before any Prisma client exists).
// It keeps Prisma's own `_prisma_migrations` bookkeeping (same columns, sha256 checksums,
// same Postgres advisory lock key), so `prisma migrate deploy` can take over on a machine
// that has the engine.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";

export type Provider = "sqlite" | "postgres";

interface MigrateOptions {
  /** Project root holding prisma/migrations (default: process.cwd()). */
  root?: string;
  /** Folder holding the migration folders of this provider; overrides `root`. */
  migrationsDir?: string;
  /** How long SQLite waits for another writer (another process migrating), in ms. */
  busyTimeoutMs?: number;
  /** Progress and warnings; default: silent progress, warnings on console.warn. */
  log?: (line: string) => void;
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

// Prisma's migrate takes this same lock, so the two never run over each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;
const TABLE = "_prisma_migrations";

// ---------------------------------------------------------------------------------------------
// URLs

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(`Unsupported database URL (expected file:, postgres:// or postgresql://): ${redact(url)}`);
}

/** Absolute file of a `file:` URL; relative paths resolve against the working directory. */
export function sqliteFilePath(url: string, cwd = process.cwd()): string {
  if (url.startsWith("file://")) return fileURLToPath(url.split("?")[0]);
  const file = url.slice("file:".length).split("?")[0];
  if (!file || file === ":memory:")
    throw new Error("An in-memory SQLite database cannot be shared: use a file.");
  return path.resolve(cwd, file);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

// ---------------------------------------------------------------------------------------------
// Migration files

export function migrationsDirFor(provider: Provider, opts: MigrateOptions = {}): string {
  return opts.migrationsDir ?? path.join(opts.root ?? process.cwd(), "prisma", "migrations", provider);
}

/** Migrations on disk, in application order (folder names start with a UTC timestamp). */
export function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  const migrations = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      // Prisma's checksum: sha256 of the file's bytes, lower-case hex.
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    });
  if (migrations.length === 0) throw new Error(`No migrations in ${dir}`);
  return migrations;
}

type Decision = "apply" | "skip";

/** Whether a migration still has to run, given its row in the table (if any). */
function decide(migration: Migration, rows: AppliedRow[], warn: (line: string) => void): Decision {
  const mine = rows.filter((row) => row.migration_name === migration.name && row.rolled_back_at == null);
  const done = mine.find((row) => row.finished_at != null);
  if (done) {
    if (done.checksum !== migration.checksum) {
      warn(`migration ${migration.name} was edited after it was applied (checksum differs)`);
    }
    return "skip";
  }
  if (mine.length > 0) {
    // Only Prisma's own runner leaves half-applied rows (ours are transactional).
    throw new Error(
      `Migration ${migration.name} failed earlier and is marked as started: resolve it ` +
        "(e.g. `prisma migrate resolve`) before migrating again.",
    );
  }
  return "apply";
}

function defaultWarn(line: string): void {
  console.warn(`[migrate] ${line}`);
}

// ---------------------------------------------------------------------------------------------
// SQLite

const SQLITE_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "${TABLE}" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// Prisma's engine (through the SQLite driver adapter) writes timestamps as RFC 3339 text.
function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function migrateSqlite(url: string, migrations: Migration[], opts: MigrateOptions): string[] {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: opts.busyTimeoutMs ?? 60_000 });
  try {
    db.pragma("journal_mode = WAL");
    // Table redefinitions (DROP + RENAME) must not fire ON DELETE CASCADE, and the
    // `PRAGMA foreign_keys=OFF` inside the scripts is a no-op inside a transaction.
    // Integrity is checked with foreign_key_check before each commit instead.
    db.pragma("foreign_keys = OFF");
    db.exec(SQLITE_TABLE_DDL);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (applySqliteMigration(db, migration, opts)) applied.push(migration.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

function readSqliteRows(db: Database.Database): AppliedRow[] {
  return db
    .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "${TABLE}"`)
    .all() as AppliedRow[];
}

/** One migration in one write transaction; BEGIN IMMEDIATE makes a second process wait. */
function applySqliteMigration(db: Database.Database, migration: Migration, opts: MigrateOptions): boolean {
  const warn = opts.log ?? defaultWarn;
  if (decide(migration, readSqliteRows(db), warn) === "skip") return false;
  const run = db.transaction((): boolean => {
    // Re-read under the write lock: another process may have applied it meanwhile.
    if (decide(migration, readSqliteRows(db), () => {}) === "skip") return false;
    const startedAt = new Date();
    db.exec(migration.sql);
    const violations = db.pragma("foreign_key_check") as unknown[];
    if (violations.length > 0) {
      throw new Error(
        `Migration ${migration.name} breaks foreign keys: ${JSON.stringify(violations.slice(0, 5))}`,
      );
    }
    db.prepare(
      `INSERT INTO "${TABLE}" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    ).run(
      randomUUID(),
      migration.checksum,
      sqliteTimestamp(new Date()),
      migration.name,
      sqliteTimestamp(startedAt),
    );
    return true;
  });
  const appliedNow = run.immediate();
  if (appliedNow) opts.log?.(`applied ${migration.name}`);
  return appliedNow;
}

// ---------------------------------------------------------------------------------------------
// Postgres

const POSTGRES_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "${TABLE}" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function migratePostgres(
  url: string,
  migrations: Migration[],
  opts: MigrateOptions,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Session-level lock: a second process blocks here until the first has finished.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(POSTGRES_TABLE_DDL);
      const rows = (
        await client.query<AppliedRow>(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "${TABLE}"`,
        )
      ).rows;
      const applied: string[] = [];
      for (const migration of migrations) {
        if (decide(migration, rows, opts.log ?? defaultWarn) === "skip") continue;
        await applyPostgresMigration(client, migration);
        opts.log?.(`applied ${migration.name}`);
        applied.push(migration.name);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyPostgresMigration(client: pg.Client, migration: Migration): Promise<void> {
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    // No parameters: pg uses the simple query protocol, which runs a multi-statement script.
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "${TABLE}" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new Error(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Applies the pending migrations of the URL's provider, each in its own transaction.
 * Idempotent and safe when several processes start at once. Returns the names applied now.
 */
export async function migrate(url: string, opts: MigrateOptions = {}): Promise<string[]> {
  const provider = providerOf(url);
  const migrations = readMigrations(migrationsDirFor(provider, opts));
  return provider === "sqlite"
    ? migrateSqlite(url, migrations, opts)
    : migratePostgres(url, migrations, opts);
}
