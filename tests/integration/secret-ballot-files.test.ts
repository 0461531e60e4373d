import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog } from "../helpers/governance";
import { pagesOf, type PageImage, type SqlValue } from "../helpers/sqlite-pages";
import {
  castAs,
  closeBallot,
  OPTION_IDS,
  rawTables,
  ballotRuns,
  type BallotRun,
  type Person,
  type Row,
} from "../helpers/secret-ballot";
import { freshDatabase, PROJECT_ROOT } from "../helpers/database";
import { migrate, migrationsDirFor, readMigrations, sqliteFilePath } from "@/server/db/migrate";
import { createSecretBox, generateKeyEntry, parseKeyring } from "@/server/security/secret-box";
import { resealSecretBallots } from "@/server/services/secret-ballot";

// What someone who copies the database (but not the secrets keyring) learns about a secret
// ballot: as the hardening review did, copy the SQLite file and its write-ahead log after each of
// three votes and read EVERY page of both, live rows, old versions of pages in the log, free
// space; on Postgres, read every table with its row versions. With the log's order of vote.cast
// events, any choice or count in the clear, any row that is "the new one", or any ciphertext that
// says which option it holds would link a voter to a choice. None may be there.

const runs = ballotRuns();
afterEach(() => runs.closeAll());

const VOTES: [Person, string][] = [
  ["bob", "choice-1"],
  ["cy", "choice-2"],
  ["dee", "choice-1"],
];

/** SecretBox values as stored: v1.<keyId>.<iv>.<ciphertext>.<tag> (secret-box.ts). */
const SEALED = /v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}/g;

const sealedRows = (run: BallotRun) =>
  run.app.deps.db.sealedBallot.findMany({ where: { proposalId: run.proposalId } });

interface Snapshot {
  pages: PageImage[];
  /** The sealed values live in the table when the copy was taken. */
  generation: Set<string>;
}

/** A copy of the database file and its log, as a backup or a stolen disk would hold them. */
function copyFiles(run: BallotRun): PageImage[] {
  const file = sqliteFilePath(run.app.database.url);
  const wal = fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : null;
  return pagesOf(fs.readFileSync(file), wal);
}

const isOptionId = (v: SqlValue) => typeof v === "string" && OPTION_IDS.includes(v);

/** Records anywhere in the pages that hold an option id as a value: a choice or a count row. */
function choicesInRecords(pages: PageImage[]): string[] {
  return pages.flatMap((p) =>
    p.records.filter((r) => r.some(isOptionId)).map((r) => `${p.where}: ${JSON.stringify(r.map(String))}`),
  );
}

/**
 * Pages where the choices' ids, as JSON strings, are not all mentioned equally often: the
 * proposal's own definition ({"id":"choice-1","label":"Paris"}, ...) lists each once; a choice
 * or a count written as JSON would mention one more than the others.
 */
function unevenChoiceMentions(pages: PageImage[]): string[] {
  const quoted = OPTION_IDS.filter((id) => id.startsWith("choice-")).map((id) => Buffer.from(`"${id}"`));
  const occurrences = (bytes: Buffer, needle: Buffer) => {
    let n = 0;
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) n++;
    return n;
  };
  return pages.flatMap((p) => {
    const counts = quoted.map((q) => occurrences(p.bytes, q));
    return new Set(counts).size > 1 ? [`${p.where}: ${counts.join("/")}`] : [];
  });
}

const sealedIn = (page: PageImage) => page.bytes.toString("latin1").match(SEALED) ?? [];

describe("secret ballot in the SQLite files", () => {
  it.runIf(process.env.TEST_DB !== "postgres")(
    "a copy of the file and its WAL after each of three votes holds no choice in any page",
    async () => {
      const run = await runs.start("secret");
      const snapshots: Snapshot[] = [];
      for (const [who, choice] of VOTES) {
        await castAs(run, who, choice);
        const generation = new Set((await sealedRows(run)).map((r) => r.sealed));
        snapshots.push({ pages: copyFiles(run), generation });
      }
      const generations = snapshots.map((s) => s.generation);

      for (const [k, { pages, generation }] of snapshots.entries()) {
        const step = `copy after vote ${k + 1}`;
        expect(pages.length, step).toBeGreaterThan(10);
        expect(choicesInRecords(pages), step).toEqual([]);
        expect(unevenChoiceMentions(pages), step).toEqual([]);

        // The scan sees the sealed choices (so it would see anything beside them)...
        const found = pages.flatMap(sealedIn);
        expect(found.filter((v) => generation.has(v)).length, step).toBeGreaterThanOrEqual(generation.size);
        // ...every one of them of one length, whatever the option...
        expect(new Set(found.map((v) => v.length)).size, step).toBe(1);
        // ...and no page holds two generations at once (the rows a vote replaced are zeroed, not
        // left in the page's free space beside the new ones).
        for (const page of pages) {
          const values = sealedIn(page);
          const holders = generations.filter((g) => values.some((v) => g.has(v)));
          expect(holders.length, `${step}, ${page.where}`).toBeLessThanOrEqual(1);
          expect(
            values.every((v) => holders[0]?.has(v)),
            `${step}, ${page.where}: a sealed value of no generation`,
          ).toBe(true);
        }
      }
      // Every vote re-sealed every choice: no value survives from one copy to the next, so no
      // row is "the one that appeared with this vote".
      for (let k = 1; k < generations.length; k++) {
        expect(generations[k].size).toBe(k + 1);
        expect([...generations[k]].filter((v) => generations[k - 1].has(v))).toEqual([]);
      }

      // Closing counts the choices and deletes them; once the log is checkpointed, no page of
      // the file holds any of them any more.
      await closeBallot(run);
      expect(await sealedRows(run)).toEqual([]);
      const file = sqliteFilePath(run.app.database.url);
      const other = new Database(file);
      try {
        other.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        other.close();
      }
      const afterClose = pagesOf(fs.readFileSync(file), null).flatMap(sealedIn);
      expect(afterClose).toEqual([]);
    },
  );

  it.runIf(process.env.TEST_DB !== "postgres")(
    "control: the same scan finds the choices of an open ballot",
    async () => {
      const run = await runs.start("open");
      await castAs(run, "bob", "choice-2");
      expect(choicesInRecords(copyFiles(run)).length).toBeGreaterThan(0);
    },
  );
});

/** Values equal to an option id, in any column of any table (a choice or a count in the clear). */
function choicesInTables(tables: Record<string, Row[]>): string[] {
  return Object.entries(tables).flatMap(([table, rows]) =>
    rows.flatMap((row) =>
      Object.entries(row)
        .filter(([, v]) => typeof v === "string" && OPTION_IDS.includes(v))
        .map(([column, v]) => `${table}.${column} = ${String(v)}`),
    ),
  );
}

describe("secret ballot in the table contents", () => {
  it("after each of three votes: no choice, no count, and nothing that orders the sealed rows", async () => {
    const run = await runs.start("secret");
    const postgres = run.app.database.provider === "postgres";
    let previous = new Set<string>();
    for (const [k, [who, choice]] of VOTES.entries()) {
      await castAs(run, who, choice);
      const step = `after vote ${k + 1}`;
      const tables = await rawTables(run);
      expect(choicesInTables(tables), step).toEqual([]);

      const sealed = tables.SealedBallot;
      expect(sealed, step).toHaveLength(k + 1);
      // No voter, no time: a proposal, a random key, a ciphertext of one fixed length.
      for (const row of sealed) {
        expect(
          Object.keys(row)
            .filter((c) => !c.startsWith("_"))
            .sort(),
        ).toEqual(["id", "proposalId", "sealed"]);
        expect(row.id).toMatch(/^[0-9a-f]{32}$/);
      }
      expect(new Set(sealed.map((r) => String(r.sealed).length)).size, step).toBe(1);
      // All re-sealed by this vote: none kept from the copy before.
      const values = new Set(sealed.map((r) => String(r.sealed)));
      expect(
        [...values].filter((v) => previous.has(v)),
        step,
      ).toEqual([]);
      previous = values;
      if (postgres) {
        // One statement wrote them all: one row version, no row newer than another.
        expect(new Set(sealed.map((r) => `${r._xmin}/${r._cmin}`)).size, step).toBe(1);
      }
    }
    if (!postgres) {
      // No rowid counting up with the votes: the table is kept in the order of its random keys.
      await expect(run.app.deps.db.$queryRawUnsafe(`SELECT rowid FROM "SealedBallot"`)).rejects.toThrow(
        /rowid/,
      );
    }

    await closeBallot(run);
    expect((await rawTables(run)).SealedBallot).toEqual([]);
    const closed = (await auditLog(run.app, run.meetingId)).find((e) => e.type === "proposal.closed");
    expect(closed.tally.counts).toEqual({ "choice-1": 2, "choice-2": 1, "choice-3": 0, abstain: 0 });
    expect(closed.tally).toMatchObject({ outcome: "adopted", winningOptionId: "choice-1" });
  });
});

describe("secret ballot and the keyring", () => {
  it("the choices open only with the keyring they were sealed under", async () => {
    const run = await runs.start("secret");
    for (const [who, choice] of VOTES) await castAs(run, who, choice);
    // The same database with another keyring (a copy taken elsewhere): nothing can be counted.
    run.app.deps.secrets = createSecretBox(parseKeyring(generateKeyEntry("elsewhere")));
    await expect(closeBallot(run)).rejects.toThrow();
    expect(await sealedRows(run)).toHaveLength(3);
  });

  it("a rotated keyring re-seals open votes, which then close without the old key", async () => {
    const run = await runs.start("secret");
    const oldKey = generateKeyEntry("k1");
    run.app.deps.secrets = createSecretBox(parseKeyring(oldKey));
    await castAs(run, "bob", "choice-1");
    await castAs(run, "cy", "choice-3");
    const newKey = generateKeyEntry("k2");
    const both = createSecretBox(parseKeyring(`${newKey},${oldKey}`));
    expect(await resealSecretBallots({ db: run.app.deps.db, secrets: both })).toBe(2);
    expect(await resealSecretBallots({ db: run.app.deps.db, secrets: both })).toBe(0);
    expect((await sealedRows(run)).every((r) => r.sealed.startsWith("v1.k2."))).toBe(true);

    run.app.deps.secrets = createSecretBox(parseKeyring(newKey));
    await closeBallot(run);
    const closed = (await auditLog(run.app, run.meetingId)).find((e) => e.type === "proposal.closed");
    expect(closed.tally.counts).toEqual({ "choice-1": 1, "choice-2": 0, "choice-3": 1, abstain: 0 });
  });
});

describe("upgrading to sealed ballots", () => {
  // The counts of a vote still open when the new version starts cannot be sealed by SQL (that
  // needs the keyring): the migration refuses rather than losing them.
  it("refuses while a secret vote with votes is open, and goes through once it is closed", async () => {
    const db = await freshDatabase({ migrated: false });
    const source = migrationsDirFor(db.provider, { root: PROJECT_ROOT });
    const [init, sealed] = readMigrations(source).map((m) => m.name);
    expect(sealed).toMatch(/_sealed_ballots$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrasec-upgrade-"));
    const copy = (name: string) =>
      fs.cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
    try {
      copy(init);
      await migrate(db.url, { migrationsDir: dir });
      const user = await db.prisma.user.create({
        data: { email: "a@example.test", name: "A", passwordHash: "x" },
      });
      // In SQL: the client knows columns that later migrations add.
      const meeting = { id: "m_old" };
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "Meeting" ("id", "title", "inviteCode", "lastHash", "createdById") VALUES ('m_old', 'Old', 'old-invite', '-', '${user.id}')`,
      );
      await db.prisma.proposal.create({
        data: {
          id: "prop_old",
          meetingId: meeting.id,
          title: "Old vote",
          text: "",
          options: `{"kind":"yesNoAbstain"}`,
          secrecy: "secret",
          quorumNum: 0,
          quorumDen: 1,
          majority: "simple",
          linkedIdeaIds: "[]",
          openedById: user.id,
          openedAt: new Date(),
          seq: 1,
        },
      });
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "SecretBallotCount" ("proposalId", "optionId", "count") VALUES ('prop_old', 'yes', 1), ('prop_old', 'no', 0)`,
      );

      copy(sealed);
      await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(
        /close_open_secret_votes_before_upgrading/,
      );
      expect(await db.prisma.$queryRawUnsafe(`SELECT "count" FROM "SecretBallotCount"`)).toHaveLength(2);

      await db.prisma.proposal.update({ where: { id: "prop_old" }, data: { closedAt: new Date() } });
      expect(await migrate(db.url, { migrationsDir: dir })).toEqual([sealed]);
      expect(await db.prisma.sealedBallot.count()).toBe(0);
    } finally {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
