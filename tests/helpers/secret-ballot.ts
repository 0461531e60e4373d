// A meeting in Decision with one proposal, four fixed people, and every row of the database as
// an attacker holding a copy of it would read them: for the secret-ballot tests.
import type { Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/session";
import type { BallotSecrecy } from "@/core/decisions/ballot";
import { createTestApp, type TestApp } from "./app";
import { advanceTo } from "./governance";
import { tableNames } from "./database";

export const PEOPLE = ["ana", "bob", "cy", "dee"] as const;
export type Person = (typeof PEOPLE)[number];

export interface BallotRun {
  app: TestApp;
  users: Record<Person, SessionUser>;
  meetingId: string;
  proposalId: string;
  inviteCode: string;
}

/** Users with fixed ids, emails and creation times, so two runs start from identical rows. */
async function fixedUser(app: TestApp, key: Person): Promise<SessionUser> {
  const name = key[0].toUpperCase() + key.slice(1);
  const email = `${key}@example.test`;
  await app.deps.db.user.create({
    data: { id: `user_${key}`, name, email, passwordHash: "x", createdAt: new Date("2026-01-01T08:00:00Z") },
  });
  return { userId: `user_${key}`, globalRole: "USER", name, email };
}

/** Ana facilitates; Bob, Cy and Dee participate; a "Paris / Lyon / Lille" vote is open. */
async function startBallot(secrecy: BallotSecrecy, app?: TestApp): Promise<BallotRun> {
  app ??= await createTestApp();
  const users = {} as Record<Person, SessionUser>;
  for (const p of PEOPLE) users[p] = await fixedUser(app, p);
  const { meetingId } = await app.as(users.ana).meetings.create({ title: "Where to?" });
  const { meeting } = await app.room(users.ana, meetingId);
  for (const p of ["bob", "cy", "dee"] as const) {
    await app.as(users[p]).meetings.join({ inviteCode: meeting.inviteCode });
  }
  await advanceTo(app, users.ana, meetingId, "DECISION");
  const { proposalId } = await app.as(users.ana).decisions.open({
    meetingId,
    title: "Offsite",
    options: { kind: "choices", labels: ["Paris", "Lyon", "Lille"] },
    secrecy,
    quorumPercent: 50,
    majority: "simple",
  });
  return { app, users, meetingId, proposalId, inviteCode: meeting.inviteCode };
}

/**
 * startBallot for the tests of one file, each run on its own database, all closed after each
 * test (call `closeAll` in afterEach).
 */
export function ballotRuns() {
  const apps: TestApp[] = [];
  return {
    async start(secrecy: BallotSecrecy): Promise<BallotRun> {
      const run = await startBallot(secrecy);
      apps.push(run.app);
      return run;
    },
    closeAll: () => Promise.all(apps.splice(0).map((a) => a.close())),
  };
}

/** The option ids of that vote. */
export const OPTION_IDS = ["choice-1", "choice-2", "choice-3", "abstain"];

export async function castAs(run: BallotRun, who: Person, optionId: string): Promise<void> {
  run.app.deps.clock.advance(1000);
  await run.app
    .as(run.users[who])
    .decisions.vote({ meetingId: run.meetingId, proposalId: run.proposalId, optionId });
}

export async function closeBallot(run: BallotRun) {
  return run.app.as(run.users.ana).decisions.close({ meetingId: run.meetingId, proposalId: run.proposalId });
}

export type Row = Record<string, unknown>;

/**
 * Every row of every table in physical order (SQLite: rowid, or key order for a table without
 * one; Postgres: ctid), with Postgres' row versions (xmin, cmin): what a copy of the database
 * shows without any key.
 */
export async function rawTables(run: BallotRun): Promise<Record<string, Row[]>> {
  const { db } = run.app.deps;
  const provider = run.app.database.provider;
  const out: Record<string, Row[]> = {};
  for (const table of await tableNames(db, provider)) {
    out[table] =
      provider === "postgres"
        ? await db.$queryRawUnsafe<Row[]>(
            `SELECT xmin::text AS "_xmin", cmin::text AS "_cmin", * FROM "${table}" ORDER BY ctid`,
          )
        : await db.$queryRawUnsafe<Row[]>(
            (await hasRowid(db, table))
              ? `SELECT rowid AS _rowid, * FROM "${table}" ORDER BY rowid`
              : `SELECT * FROM "${table}"`,
          );
  }
  return out;
}

async function hasRowid(db: Db, table: string): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ sql: string }[]>(
    `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`,
    table,
  );
  return !/WITHOUT\s+ROWID\s*$/i.test(row.sql.trim());
}

// Surrogate keys (cuid, carry their own creation time) and chain hashes (functions of the ids)
// differ between two runs by construction; so do the random keys and ciphertexts of sealed
// choices. Everything else must be equal.
const INCIDENTAL = new Set(["hash", "prevHash", "lastHash"]);
const isCuid = (v: unknown) => typeof v === "string" && /^c[a-z0-9]{20,30}$/.test(v);

/** rawTables with the ids of this run replaced by neutral names, for comparing two runs. */
export async function dump(run: BallotRun) {
  const rename = (s: string) =>
    s
      .replaceAll(run.meetingId, "<meeting>")
      .replaceAll(run.proposalId, "<proposal>")
      .replaceAll(run.inviteCode, "<invite>");
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(await rawTables(run))) {
    // Transaction ids differ between databases: keep only which rows share one (their rank).
    const xmins = [...new Set(rows.map((r) => r._xmin as string | undefined))].sort(
      (a, b) => Number(a) - Number(b),
    );
    out[table] = rows.map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k, v]) => !INCIDENTAL.has(k) && !(k === "id" && isCuid(v)))
          .map(([k, v]) => {
            if (k === "_xmin") return [k, xmins.indexOf(v as string)];
            if (table === "SealedBallot" && k === "id") return [k, "<random>"];
            if (table === "SealedBallot" && k === "sealed") return [k, `<sealed, ${String(v).length} chars>`];
            if (typeof v === "bigint") return [k, Number(v)];
            if (v instanceof Date) return [k, v.toISOString()];
            return [k, typeof v === "string" ? rename(v) : v];
          }),
      ),
    );
  }
  return out;
}
