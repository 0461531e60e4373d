// A brand-new, migrated database per call, on the provider chosen by TEST_DB:
//   TEST_DB=sqlite   (default) a file in a fresh temp directory
//   TEST_DB=postgres a new database on TEST_POSTGRES_URL's server
//                    (default postgres://postgres@127.0.0.1:5433/postgres, started by
//                    `bash scripts/postgres-test-server.sh`)
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createPrisma, type Db } from "../../src/server/db/client";
import { migrate, type Provider } from "../../src/server/db/migrate";

export interface FreshDatabase {
  url: string;
  prisma: Db;
  provider: Provider;
  /** Disconnects the client and deletes the database. */
  drop(): Promise<void>;
}

interface FreshDatabaseOptions {
  /** Apply the migrations (default true); false gives an empty database, e.g. to test them. */
  migrated?: boolean;
}

const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5433/postgres";
/** The repository root, wherever the test runner was started from. */
export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function testProvider(): Provider {
  const wanted = (process.env.TEST_DB ?? "sqlite").toLowerCase();
  if (wanted === "sqlite" || wanted === "postgres") return wanted;
  throw new Error(`TEST_DB must be "sqlite" or "postgres", not "${wanted}"`);
}

function uniqueName(): string {
  return `orchestrasec_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** Runs a statement on the server's maintenance database (CREATE/DROP DATABASE). */
async function onServer(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  // Concurrent CREATE DATABASE from the same template can collide (55006): retry briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(adminUrl, `CREATE DATABASE "${name}"`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "55006" || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Migrates (if asked) and connects; the database is removed again if that fails. */
async function open(
  url: string,
  provider: Provider,
  migrated: boolean,
  remove: () => Promise<void>,
): Promise<FreshDatabase> {
  try {
    if (migrated) await migrate(url, { root: PROJECT_ROOT });
  } catch (error) {
    await remove();
    throw error;
  }
  const prisma = createPrisma(url);
  return {
    url,
    prisma,
    provider,
    async drop() {
      await prisma.$disconnect();
      await remove();
    },
  };
}

async function freshPostgres(migrated: boolean): Promise<FreshDatabase> {
  const adminUrl = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  const name = uniqueName();
  await createPostgresDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // FORCE: a test that forgot to close a connection must not keep its database alive.
  return open(url.toString(), "postgres", migrated, () =>
    onServer(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

async function freshSqlite(migrated: boolean): Promise<FreshDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrasec-test-"));
  return open(`file:${path.join(dir, "test.db")}`, "sqlite", migrated, async () =>
    fs.rmSync(dir, { recursive: true, force: true }),
  );
}

/** A new, migrated database (see FreshDatabaseOptions); call `drop()` when done. */
export function freshDatabase(opts: FreshDatabaseOptions = {}): Promise<FreshDatabase> {
  const migrated = opts.migrated ?? true;
  return testProvider() === "postgres" ? freshPostgres(migrated) : freshSqlite(migrated);
}

/** The application's tables (Prisma's bookkeeping table left out), sorted. */
export async function tableNames(db: Db, provider: Provider): Promise<string[]> {
  const rows =
    provider === "postgres"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        );
  return rows
    .map((r) => r.name)
    .filter((n) => n !== "_prisma_migrations")
    .sort();
}
