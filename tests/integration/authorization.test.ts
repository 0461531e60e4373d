import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { ACTOR_KINDS, type ActorKind } from "@/core/roles";
import { PHASES, type Phase } from "@/core/phases/phase";
import type { Denial } from "@/core/permissions";
import type { SessionUser } from "@/server/auth/session";
import { createTestApp, type TestApp } from "../helpers/app";
import { TABLE, buildFixture, createPeople, type Fixture, type Row } from "./authorization.table";

// Every procedure of the app router, called by every actor kind in every phase with valid input,
// must end exactly as the permission matrix says. The rows live in authorization.table.ts (see
// the "HOW TO ADD A ROW" note there); a procedure without a row fails the first test.

const EXPECTED_CODE: Record<Denial, string> = {
  SIGN_IN: "UNAUTHORIZED",
  ROLE: "FORBIDDEN",
  PHASE: "PRECONDITION_FAILED",
};

type ProcedureType = "query" | "mutation" | "subscription";
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;

let app: TestApp;
let people: Fixture["people"];

beforeAll(async () => {
  app = await createTestApp();
  people = await createPeople(app);
});
afterAll(() => app.close());

/** Calls `path` as `actor`; "OK" or the tRPC error code. Subscriptions must deliver a first item. */
async function outcome(path: string, actor: SessionUser | null, input: unknown): Promise<string> {
  const caller = app.as(actor) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [routerName, name] = path.split(".");
  try {
    const result = await caller[routerName][name](input);
    if (procedures[path]._def.type === "subscription") {
      const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      try {
        const first = await Promise.race([
          iterator.next(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`${path}: no first item`)), 5_000),
          ),
        ]);
        if (first.done) return "ENDED";
      } finally {
        await iterator.return?.();
      }
    }
    return "OK";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code) throw error;
    return code;
  }
}

const expectedCode = (row: Row, kind: ActorKind, phase: Phase) => {
  const why = row.expect(kind, phase);
  return why ? EXPECTED_CODE[why] : "OK";
};

const lastSeq = async (meetingId: string) =>
  (await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq;

const entries = Object.entries(TABLE);

describe("authorization: every procedure x every actor kind x every phase", () => {
  it("has a row for every procedure of the app router, and none for a procedure that is gone", () => {
    const paths = Object.keys(procedures).sort();
    expect(
      paths.filter((p) => !(p in TABLE)),
      "procedures without a row in authorization.table.ts",
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((p) => !(p in procedures)),
      "rows for unknown procedures",
    ).toEqual([]);
  });

  it("global procedures: each actor kind once", { timeout: 120_000 }, async () => {
    const fixture = await buildFixture(app, people, "IDEATION");
    const results: string[] = [];
    for (const [path, row] of entries.filter(([, r]) => r.scope === "global")) {
      for (const kind of ACTOR_KINDS) {
        const actor = people[kind];
        const expected = expectedCode(row, kind, "IDEATION");
        if (expected === "OK") await row.setup?.(fixture, actor!);
        const got = await outcome(path, actor, row.input(fixture, actor));
        if (got !== expected) results.push(`${path} as ${kind}: expected ${expected}, got ${got}`);
      }
    }
    expect(results).toEqual([]);
  });

  describe.each(PHASES)("meeting procedures in %s", (phase) => {
    it("end as the matrix says; refused calls write nothing", { timeout: 120_000 }, async () => {
      // Refused calls and reads share one meeting (and must leave its log untouched); each
      // allowed command gets a fresh meeting, so one success cannot prepare or spoil another.
      const shared = await buildFixture(app, people, phase);
      const mismatches: string[] = [];
      let calls = 0;
      for (const [path, row] of entries.filter(([, r]) => r.scope === "meeting")) {
        for (const kind of ACTOR_KINDS) {
          const actor = people[kind];
          const expected = expectedCode(row, kind, phase);
          const writes = expected === "OK" && procedures[path]._def.type === "mutation";
          const fixture = writes ? await buildFixture(app, people, phase) : shared;
          if (expected === "OK") await row.setup?.(fixture, actor!);
          const before = await lastSeq(fixture.meetingId);
          const got = await outcome(path, actor, row.input(fixture, actor));
          calls++;
          if (got !== expected) mismatches.push(`${path} as ${kind}: expected ${expected}, got ${got}`);
          if (expected !== "OK" && (await lastSeq(fixture.meetingId)) !== before) {
            mismatches.push(`${path} as ${kind}: refused, but the log grew`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(calls).toBe(entries.filter(([, r]) => r.scope === "meeting").length * ACTOR_KINDS.length);
    });
  });
});
