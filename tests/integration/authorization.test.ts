import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { ACTOR_KINDS, type ActorKind } from "@/core/roles";
import { PHASES, type Phase } from "@/core/phases/phase";
import type { SessionUser } from "@/server/auth/session";
import { createTestApp, type TestApp } from "../helpers/app";
import { stubSfu } from "../helpers/sfu-stub";
import { EXPECTED, TABLE, buildFixture, createPeople, type Fixture } from "./authorization.table";

// Every procedure of the app router, called by every actor kind in every phase with valid input,
// must end exactly as the access policy written out in authorization.table.ts (EXPECTED) says.
// A procedure without a row there fails the first test; the last one proves that changing any
// single cell of the policy makes the comparison fail.

/** The outcome each letter of EXPECTED stands for. */
const LETTERS: Record<string, string> = {
  ".": "OK",
  S: "UNAUTHORIZED",
  R: "FORBIDDEN",
  P: "PRECONDITION_FAILED",
};

/** One call: a procedure, by an actor kind, in a phase (global procedures: "any"). */
const cell = (path: string, kind: ActorKind, phase: Phase | "any") => `${path} as ${kind} in ${phase}`;

/** The policy as written, cell by cell: "<path> as <kind> in <phase>" -> tRPC outcome. */
function parsePolicy(policy: Record<string, string>): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [path, line] of Object.entries(policy)) {
    const groups = line.trim().split(/\s+/);
    const global = TABLE[path]?.scope === "global";
    const width = global ? 1 : PHASES.length;
    if (groups.length !== ACTOR_KINDS.length || groups.some((g) => g.length !== width)) {
      throw new Error(`EXPECTED["${path}"]: ${ACTOR_KINDS.length} groups of ${width} letters`);
    }
    ACTOR_KINDS.forEach((kind, k) => {
      [...groups[k]].forEach((letter, p) => {
        if (!(letter in LETTERS)) throw new Error(`EXPECTED["${path}"]: unknown letter "${letter}"`);
        cells.set(cell(path, kind, global ? "any" : PHASES[p]), LETTERS[letter]);
      });
    });
  }
  return cells;
}

/** Every observed call whose outcome differs from the policy's. */
function mismatches(policy: Map<string, string>, observed: Map<string, string>): string[] {
  return [...observed]
    .filter(([key, got]) => policy.get(key) !== got)
    .map(([key, got]) => `${key}: expected ${policy.get(key) ?? "no row"}, got ${got}`);
}

/** A copy of the policy with one letter changed: the cell at `index` of the line of `path`. */
function withLetter(policy: Record<string, string>, path: string, index: number, letter: string) {
  const line = policy[path];
  return { ...policy, [path]: line.slice(0, index) + letter + line.slice(index + 1) };
}

const POLICY = parsePolicy(EXPECTED);
/** What the calls did, filled in by the tests below in order. */
const observed = new Map<string, string>();

type ProcedureType = "query" | "mutation" | "subscription";
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;

let app: TestApp;
let people: Fixture["people"];

beforeAll(async () => {
  app = await createTestApp();
  // The SFU's procedures are held to the table too; Janus itself is tested in live/janus.test.ts.
  app.deps.sfu = stubSfu();
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

const lastSeq = async (meetingId: string) =>
  (await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq;

const entries = Object.entries(TABLE);

describe("authorization: every procedure x every actor kind x every phase", () => {
  it("has a row and a policy line for every procedure, and none for a procedure that is gone", () => {
    const paths = Object.keys(procedures).sort();
    expect(
      paths.filter((p) => !(p in TABLE) || !(p in EXPECTED)),
      "procedures without a row in TABLE or a line in EXPECTED (authorization.table.ts)",
    ).toEqual([]);
    expect(
      [...Object.keys(TABLE), ...Object.keys(EXPECTED)].filter((p) => !(p in procedures)),
      "rows for unknown procedures",
    ).toEqual([]);
  });

  it("global procedures: each actor kind once", { timeout: 120_000 }, async () => {
    const fixture = await buildFixture(app, people, "IDEATION");
    const here = new Map<string, string>();
    for (const [path, row] of entries.filter(([, r]) => r.scope === "global")) {
      for (const kind of ACTOR_KINDS) {
        const actor = people[kind];
        const key = cell(path, kind, "any");
        if (POLICY.get(key) === "OK") await row.setup?.(fixture, actor!);
        here.set(key, await outcome(path, actor, row.input(fixture, actor)));
      }
    }
    here.forEach((got, key) => observed.set(key, got));
    expect(mismatches(POLICY, here)).toEqual([]);
  });

  describe.each(PHASES)("meeting procedures in %s", (phase) => {
    it("end as the policy says; refused calls write nothing", { timeout: 120_000 }, async () => {
      // Refused calls and reads share one meeting (and must leave its log untouched); each
      // allowed command gets a fresh meeting, so one success cannot prepare or spoil another.
      const shared = await buildFixture(app, people, phase);
      const here = new Map<string, string>();
      const grew: string[] = [];
      for (const [path, row] of entries.filter(([, r]) => r.scope === "meeting")) {
        for (const kind of ACTOR_KINDS) {
          const actor = people[kind];
          const key = cell(path, kind, phase);
          const allowed = POLICY.get(key) === "OK";
          const writes = allowed && procedures[path]._def.type === "mutation";
          const fixture = writes ? await buildFixture(app, people, phase) : shared;
          if (allowed) await row.setup?.(fixture, actor!);
          const before = await lastSeq(fixture.meetingId);
          const got = await outcome(path, actor, row.input(fixture, actor));
          here.set(key, got);
          if (got !== "OK" && (await lastSeq(fixture.meetingId)) !== before) {
            grew.push(`${key}: refused (${got}), but the log grew`);
          }
        }
      }
      here.forEach((got, key) => observed.set(key, got));
      expect([...mismatches(POLICY, here), ...grew]).toEqual([]);
      expect(here.size).toBe(entries.filter(([, r]) => r.scope === "meeting").length * ACTOR_KINDS.length);
    });
  });

  it("every cell of the policy was called, and changing any one of them fails the comparison", () => {
    expect([...POLICY.keys()].filter((key) => !observed.has(key))).toEqual([]);
    expect(mismatches(POLICY, observed)).toEqual([]);
    // Flip each letter of the written table in turn (a copy): exactly that call must mismatch.
    let flipped = 0;
    for (const [path, line] of Object.entries(EXPECTED)) {
      for (let i = 0; i < line.length; i++) {
        if (!(line[i] in LETTERS)) continue;
        const mutated = parsePolicy(withLetter(EXPECTED, path, i, line[i] === "." ? "R" : "."));
        const found = mismatches(mutated, observed);
        expect(found, `${path}, letter ${i}`).toHaveLength(1);
        expect(found[0].startsWith(`${path} as `)).toBe(true);
        flipped++;
      }
    }
    expect(flipped).toBe(POLICY.size);
  });
});
