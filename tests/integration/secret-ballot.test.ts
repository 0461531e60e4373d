import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/session";
import { createTestApp, type TestApp } from "../helpers/app";
import { advanceTo, auditLog } from "../helpers/governance";

// A secret ballot must leave no link between a voter and a choice anywhere in the database: not
// in a row, not in the audit log, not in row order or timestamps, not in Postgres' row versions.
//
// The decisive check: run the same meeting twice, with the same voters casting the same multiset
// of choices but assigned to different people, and compare EVERY table of both databases (in
// physical row order, with Postgres' xmin/cmin). If the two dumps are identical, nothing stored
// can tell who chose what. A control run with an open ballot must differ, proving the dump sees
// votes at all.

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const PEOPLE = ["ana", "bob", "cy", "dee"] as const;
type Person = (typeof PEOPLE)[number];
type Assignment = Record<Person, string>;

// Same multiset {choice-1 x2, choice-2, abstain}; the last voter's choice differs between the two.
const A: Assignment = { bob: "choice-1", cy: "choice-2", ana: "choice-1", dee: "abstain" };
const B: Assignment = { bob: "choice-2", cy: "choice-1", ana: "abstain", dee: "choice-1" };
const VOTING_ORDER: Person[] = ["bob", "cy", "ana", "dee"];

interface Run {
  app: TestApp;
  users: Record<Person, SessionUser>;
  meetingId: string;
  proposalId: string;
  inviteCode: string;
}

/** Users with fixed ids, emails and creation times, so both runs start from identical rows. */
async function fixedUser(app: TestApp, key: Person): Promise<SessionUser> {
  const name = key[0].toUpperCase() + key.slice(1);
  const email = `${key}@example.test`;
  await app.deps.db.user.create({
    data: { id: `user_${key}`, name, email, passwordHash: "x", createdAt: new Date("2026-01-01T08:00:00Z") },
  });
  return { userId: `user_${key}`, globalRole: "USER", name, email };
}

async function runBallot(secrecy: "open" | "secret", votes: Assignment, close: boolean): Promise<Run> {
  const app = await createTestApp();
  apps.push(app);
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
    options: { kind: "choices", labels: ["Paris", "Lyon"] },
    secrecy,
    quorumPercent: 50,
    majority: "simple",
  });
  for (const p of VOTING_ORDER) {
    app.deps.clock.advance(1000);
    await app.as(users[p]).decisions.vote({ meetingId, proposalId, optionId: votes[p] });
  }
  if (close) await app.as(users.ana).decisions.close({ meetingId, proposalId });
  return { app, users, meetingId, proposalId, inviteCode: meeting.inviteCode };
}

async function tableNames(db: Db, provider: string): Promise<string[]> {
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

// Surrogate keys (cuid, carry their own creation time) and chain hashes (functions of the ids)
// differ between two runs by construction; everything else must be equal.
const INCIDENTAL = new Set(["hash", "prevHash", "lastHash"]);
const isCuid = (v: unknown) => typeof v === "string" && /^c[a-z0-9]{20,30}$/.test(v);

/** Every row of every table, in physical order, ids of this run replaced by neutral names. */
async function dump(run: Run) {
  const { db } = run.app.deps;
  const provider = run.app.database.provider;
  const rename = (s: string) =>
    s
      .replaceAll(run.meetingId, "<meeting>")
      .replaceAll(run.proposalId, "<proposal>")
      .replaceAll(run.inviteCode, "<invite>");
  const out: Record<string, unknown[]> = {};
  for (const table of await tableNames(db, provider)) {
    const rows =
      provider === "postgres"
        ? await db.$queryRawUnsafe<Record<string, unknown>[]>(
            `SELECT xmin::text AS "_xmin", cmin::text AS "_cmin", * FROM "${table}" ORDER BY ctid`,
          )
        : await db.$queryRawUnsafe<Record<string, unknown>[]>(
            `SELECT rowid AS _rowid, * FROM "${table}" ORDER BY rowid`,
          );
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
            if (typeof v === "bigint") return [k, Number(v)];
            if (v instanceof Date) return [k, v.toISOString()];
            return [k, typeof v === "string" ? rename(v) : v];
          }),
      ),
    );
  }
  return out;
}

describe("secret ballot", () => {
  it("stores nothing that tells two different assignments of the same votes apart", async () => {
    for (const close of [false, true]) {
      const a = await runBallot("secret", A, close);
      const b = await runBallot("secret", B, close);
      const [da, db] = [await dump(a), await dump(b)];
      expect(Object.keys(da)).toContain("SecretBallotCount");
      expect(db).toEqual(da);
    }
  });

  it("control: the same comparison tells open ballots apart", async () => {
    const a = await runBallot("open", A, true);
    const b = await runBallot("open", B, true);
    expect(await dump(b)).not.toEqual(await dump(a));
  });

  it("records that someone voted, never what, in the log and the decision", async () => {
    const run = await runBallot("secret", A, true);
    const log = await auditLog(run.app, run.meetingId);
    const votes = log.filter((e) => e.type === "vote.cast");
    expect(votes).toHaveLength(4);
    for (const v of votes) {
      expect(Object.keys(v).sort()).toEqual(["actorId", "proposalId", "secrecy", "seq", "type", "userId"]);
      expect(v.secrecy).toBe("secret");
    }
    const closed = log.find((e) => e.type === "proposal.closed");
    expect(closed.ballots).toBeNull();
    expect(closed.voterIds).toEqual(PEOPLE.map((p) => `user_${p}`).sort());
    expect(closed.tally.counts).toEqual({ "choice-1": 2, "choice-2": 1, abstain: 1 });
    const decision = await run.app.deps.db.decision.findUniqueOrThrow({
      where: { proposalId: run.proposalId },
    });
    expect(JSON.parse(decision.context).ballots).toBeNull();

    // The two ballot tables, column by column: a voter list without choice, counts without voter.
    const voters = await run.app.deps.db.secretBallotVoter.findMany({
      where: { proposalId: run.proposalId },
    });
    expect(voters.map((v) => Object.keys(v).sort())).toEqual(Array(4).fill(["proposalId", "userId"]));
    const counts = await run.app.deps.db.secretBallotCount.findMany({
      where: { proposalId: run.proposalId },
    });
    expect(counts.map((c) => Object.keys(c).sort())).toEqual(
      Array(3).fill(["count", "optionId", "proposalId"]),
    );
    expect(await run.app.deps.db.openVote.count()).toBe(0);
  });

  it("shows no count while the vote is open, and the tally once closed", async () => {
    const run = await runBallot("secret", A, false);
    const view = async (p: Person) => (await run.app.room(run.users[p], run.meetingId)).board.proposals[0];
    expect(await view("bob")).toMatchObject({
      voted: 4,
      counts: null,
      ballots: null,
      myVote: { voted: true, optionId: null },
    });
    await run.app.as(run.users.ana).decisions.close({ meetingId: run.meetingId, proposalId: run.proposalId });
    expect(await view("bob")).toMatchObject({
      counts: { "choice-1": 2, "choice-2": 1, abstain: 1 },
      ballots: null,
      decision: { outcome: "adopted", winningOptionId: "choice-1", votesCast: 4, abstentions: 1 },
    });
  });
});
