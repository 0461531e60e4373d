// The event log's SQL port (src/server/db/sql-port.ts) gives the same results whichever way it
// reaches the database: better-sqlite3 on the Prisma client's own connection (SQLite), or
// Prisma's raw queries (Postgres, and SQLite when that connection is out of reach).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clientProvider, sqliteConnectionOf } from "../../src/server/db/client";
import { prismaSqlPort } from "../../src/server/db/prisma-sql-port";
import { dbDate, dbDateOrNull, sqlPortOf, type SqlPort } from "../../src/server/db/sql-port";
import { sqliteSqlPort } from "../../src/server/db/sqlite-sql-port";
import { freshDatabase, testProvider, type FreshDatabase } from "../helpers/database";

let fresh: FreshDatabase;
beforeAll(async () => {
  fresh = await freshDatabase();
  await fresh.prisma.$connect();
});
afterAll(() => fresh.drop());

const ports: Record<string, () => SqlPort> = {
  prisma: () => prismaSqlPort(fresh.prisma, fresh.provider),
  ...(testProvider() === "sqlite"
    ? { "sqlite-direct": () => sqliteSqlPort(sqliteConnectionOf(fresh.prisma)!) }
    : {}),
};

it("takes the direct path on SQLite, so the log's hot path skips the ORM", async () => {
  const port = await sqlPortOf(fresh.prisma);
  expect(port.kind).toBe(fresh.provider === "sqlite" ? "sqlite-direct" : "prisma");
  await fresh.prisma.$transaction(async (tx) => {
    expect((await sqlPortOf(fresh.prisma, tx)).kind).toBe(port.kind);
  });
});

it("recognises a client made by another copy of the module (server.ts and the Next bundle)", async () => {
  vi.resetModules();
  const otherCopy = await import("../../src/server/db/client");
  expect(otherCopy.clientProvider).not.toBe(clientProvider);
  expect(otherCopy.clientProvider(fresh.prisma)).toBe(fresh.provider);
  expect(otherCopy.sqliteConnectionOf(fresh.prisma)).toBe(sqliteConnectionOf(fresh.prisma));
});

describe.each(Object.keys(ports))("the %s port", (name) => {
  const sql = () => ports[name]();
  let userId: string;
  beforeAll(async () => {
    ({ id: userId } = await fresh.prisma.user.create({
      data: { name: `Port ${name}`, email: `${name}@port.test`, passwordHash: "-" },
    }));
  });

  const newMeeting = async (id: string) =>
    fresh.prisma.meeting.create({
      data: { id, title: "T", inviteCode: `code-${id}`, lastHash: "0", createdById: userId },
    });

  it("writes dates, integers and nulls that the ORM reads back unchanged, and the reverse", async () => {
    const id = `${name}-dates`;
    await newMeeting(id);
    const at = new Date("2026-11-22T02:23:15.123Z");
    const changed = await sql().run(
      `UPDATE "Meeting" SET "holderId" = ?, "holderSince" = ?, "lastSeq" = ?, "turnLimitSec" = ? WHERE "id" = ?`,
      [userId, at, 41, null, id],
    );
    expect(changed).toBe(1);
    const viaOrm = await fresh.prisma.meeting.findUniqueOrThrow({ where: { id } });
    expect(viaOrm).toMatchObject({ holderId: userId, holderSince: at, lastSeq: 41, turnLimitSec: null });

    await fresh.prisma.meeting.update({ where: { id }, data: { phaseSince: at, turnLimitSec: 90 } });
    const [row] = await sql().all<Record<string, unknown>>(
      `SELECT "phaseSince", "holderSince", "lastSeq", "turnLimitSec", "description" FROM "Meeting" WHERE "id" = ?`,
      [id],
    );
    expect(dbDate(row.phaseSince)).toEqual(at);
    expect(dbDateOrNull(row.holderSince)).toEqual(at);
    expect(Number(row.lastSeq)).toBe(41);
    expect(Number(row.turnLimitSec)).toBe(90);
    expect(row.description).toBe("");
    // Stored alike, not merely parsed alike: comparisons and ORDER BY in SQL depend on it.
    const [same] = await sql().all<{ same: number }>(
      `SELECT CASE WHEN "holderSince" = "phaseSince" THEN 1 ELSE 0 END AS "same" FROM "Meeting" WHERE "id" = ?`,
      [id],
    );
    expect(Number(same.same)).toBe(1);
  });

  it("counts changed rows and returns no rows for no match", async () => {
    expect(await sql().run(`UPDATE "Meeting" SET "lastSeq" = 1 WHERE "id" = ?`, ["nobody"])).toBe(0);
    expect(await sql().all(`SELECT "id" FROM "Meeting" WHERE "id" = ?`, ["nobody"])).toEqual([]);
  });

  it("joins Prisma's transaction: its writes roll back when the transaction fails", async () => {
    const id = `${name}-rollback`;
    await newMeeting(id);
    const failed = fresh.prisma.$transaction(async (tx) => {
      const port = name === "prisma" ? prismaSqlPort(tx, fresh.provider) : sql();
      await port.run(`UPDATE "Meeting" SET "lastSeq" = 7 WHERE "id" = ?`, [id]);
      expect(
        (await port.all<{ lastSeq: number }>(`SELECT "lastSeq" FROM "Meeting" WHERE "id" = ?`, [id]))[0],
      ).toEqual({
        lastSeq: 7,
      });
      throw new Error("refused");
    });
    await expect(failed).rejects.toThrow("refused");
    expect((await fresh.prisma.meeting.findUniqueOrThrow({ where: { id } })).lastSeq).toBe(0);
  });
});

describe("dbDate", () => {
  it("reads every driver's form of a DATETIME as the same instant", () => {
    const instant = new Date("2026-11-22T02:23:15.000Z");
    expect(dbDate(instant)).toBe(instant);
    expect(dbDate("2026-11-22T02:23:15.000+00:00")).toEqual(instant);
    expect(dbDate(instant.getTime())).toEqual(instant);
    // SQLite's CURRENT_TIMESTAMP: UTC without a zone, not local time.
    expect(dbDate("2026-11-22 02:23:15")).toEqual(instant);
    expect(dbDateOrNull(null)).toBeNull();
    expect(() => dbDate({})).toThrow(TypeError);
  });
});
