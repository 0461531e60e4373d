import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getErrorShape, getTRPCErrorFromUnknown } from "@trpc/server/unstable-core-do-not-import";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/context";
import type { SessionUser } from "@/server/auth/session";
import { TRPC_HTTP_PATH } from "@/lib/trpc/paths";
import { createTestApp, type TestApp } from "../helpers/app";
import { tableNames } from "../helpers/database";
import { advanceTo, governanceMeeting } from "../helpers/governance";
import { FUZZ_TABLE, type Caller, type Entry } from "./fuzz.table";
import { inputsFor, RAW_BODIES, type Targets } from "./fuzz/inputs";

// Every procedure of the app router gets a few hundred hostile inputs (fuzz/inputs.ts, one
// generator entry per procedure in fuzz.table.ts) from two callers who have no business with the
// target meeting: someone signed out, and a participant of another meeting. Queries and mutations
// go through tRPC's HTTP adapter, as the app serves them; subscriptions (WebSocket in the app)
// through the router's caller. Whatever comes in:
//   - never a 5xx or INTERNAL_SERVER_ERROR;
//   - no stack trace and no SQL or database text in any answer;
//   - no table changed (row counts and content hashes before and after each procedure's batch),
//     but for the few writes the table declares for the member's own account;
//   - no successful answer, but where the table says it is the caller's own (or public) data.

const INPUTS_PER_PROCEDURE = 200;
const SEED = 20261203;
const CLIENT_IP = "198.51.100.77";

type ProcedureType = "query" | "mutation" | "subscription";
const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: ProcedureType; inputs: { safeParse(v: unknown): { success: boolean } }[] } }
>;

let app: TestApp;
let targets: Targets;
const callers = {} as Record<Caller, SessionUser | null>;

beforeAll(async () => {
  app = await createTestApp();
  // The target: a meeting in Decision with an idea and an open vote, that neither caller is in.
  const m = await governanceMeeting(app, "Target");
  const { ideaId } = await app.as(m.bob).ideas.post({ meetingId: m.meetingId, text: "An idea" });
  await advanceTo(app, m.fac, m.meetingId, "DECISION");
  const { proposalId } = await app.as(m.fac).decisions.open({
    meetingId: m.meetingId,
    title: "Go?",
    options: { kind: "yesNoAbstain" },
    secrecy: "secret",
    quorumPercent: 0,
    majority: "simple",
  });
  await app.as(m.bob).decisions.vote({ meetingId: m.meetingId, proposalId, optionId: "yes" });
  // The member: a participant of another meeting.
  const mallory = await app.user("Mallory");
  const other = await app.user("Zed");
  const { meetingId: elsewhere } = await app.as(other).meetings.create({ title: "Elsewhere" });
  const { meeting } = await app.room(other, elsewhere);
  await app.as(mallory).meetings.join({ inviteCode: meeting.inviteCode });
  callers.signedOut = null;
  callers.member = mallory;
  targets = {
    meetingId: m.meetingId,
    facilitatorId: m.fac.userId,
    participantId: m.bob.userId,
    actorId: null,
    ideaId,
    proposalId,
    takenEmail: m.bob.email,
  };
});
afterAll(() => app?.close());

// ---- Calling ----------------------------------------------------------------------------------

interface Outcome {
  status: number;
  /** What the client receives: the JSON body, or the formatted error of a subscription. */
  body: string;
  ok: boolean;
}

async function overHttp(path: string, type: ProcedureType, session: SessionUser | null, payload: Payload) {
  const url = new URL(`http://localhost${TRPC_HTTP_PATH}/${path}`);
  const init: RequestInit = { method: type === "query" ? "GET" : "POST" };
  const json =
    "raw" in payload ? payload.raw : payload.input === undefined ? undefined : JSON.stringify(payload.input);
  if (type === "query") {
    if (json !== undefined) url.searchParams.set("input", json);
  } else {
    init.headers = { "content-type": "application/json" };
    init.body = json;
  }
  const response = await fetchRequestHandler({
    endpoint: TRPC_HTTP_PATH,
    req: new Request(url, init),
    router: appRouter,
    createContext: () => createContextInner(app.deps, session, undefined, CLIENT_IP),
  });
  const body = await response.text();
  return { status: response.status, body, ok: response.status < 300 };
}

/** A subscription as the WebSocket adapter runs it: the call, then its first item or error. */
async function subscribe(path: string, session: SessionUser | null, input: unknown): Promise<Outcome> {
  const [routerName, name] = path.split(".");
  const caller = app.as(session) as unknown as Record<
    string,
    Record<string, (i: unknown) => Promise<unknown>>
  >;
  try {
    const iterator = ((await caller[routerName][name](input)) as AsyncIterable<unknown>)[
      Symbol.asyncIterator
    ]();
    try {
      await Promise.race([iterator.next(), new Promise((r) => setTimeout(r, 1_000))]);
    } finally {
      await iterator.return?.();
    }
    return { status: 200, body: "", ok: true };
  } catch (error) {
    // As the WebSocket adapter does: anything not a TRPCError becomes an INTERNAL_SERVER_ERROR.
    const e = getTRPCErrorFromUnknown(error);
    const shape = getErrorShape({
      config: appRouter._def._config,
      error: e,
      type: "subscription",
      path,
      input,
      ctx: undefined,
    });
    return { status: shape.data.httpStatus, body: JSON.stringify(shape), ok: false };
  }
}

type Payload = { input: unknown } | { raw: string };

// ---- Checking ---------------------------------------------------------------------------------

const STACK = [/\n\s+at\s/, /\bat\s+\S+\s+\(/, /node_modules/, /\.[cm]?[jt]sx?:\d+/, /turbopack|webpack/i];
const DATABASE = [
  /\b(select|insert|update|delete)\b[\s\S]{0,200}\b(from|into|set|where)\b/i,
  /sqlite|postgres|prisma|P20\d\d\b|syntax error|relation\s+"|violates|constraint failed/i,
];

/** Strings of the input, which an error message may legitimately quote back. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string" && value.length > 2) out.push(value, JSON.stringify(value).slice(1, -1));
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

function leaks(body: string, payload: Payload): string | null {
  let text = body;
  const echoed = "raw" in payload ? [payload.raw] : strings(payload.input);
  for (const s of echoed.sort((a, b) => b.length - a.length)) text = text.split(s).join("<input>");
  const found = [...STACK, ...DATABASE].find((re) => re.test(text));
  return found ? `matches ${found}` : null;
}

function problem(entry: Entry, caller: Caller, type: ProcedureType, outcome: Outcome, payload: Payload) {
  if (outcome.status >= 500) return `HTTP ${outcome.status}`;
  if (outcome.body.includes("INTERNAL_SERVER_ERROR")) return "INTERNAL_SERVER_ERROR";
  const leak = leaks(outcome.body, payload);
  if (leak) return `leaks: ${leak}`;
  if (outcome.ok && !(entry.answers ?? []).includes(caller)) return `answered (${type})`;
  return null;
}

// ---- Tables -----------------------------------------------------------------------------------

const plain = (v: unknown): unknown =>
  typeof v === "bigint"
    ? v.toString()
    : v instanceof Date
      ? v.toISOString()
      : Buffer.isBuffer(v)
        ? v.toString("hex")
        : v;

/** Row count and a hash of the content of every table (rows sorted, so order does not matter). */
async function tables(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await tableNames(app.deps.db, app.database.provider)) {
    const rows = await app.deps.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, plain(v)]))).sort();
    out[table] =
      `${rows.length} rows, ${createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return out;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]);
}

// ---- The test ---------------------------------------------------------------------------------

const describeInput = (payload: Payload) =>
  ("raw" in payload
    ? `raw ${JSON.stringify(payload.raw)}`
    : (JSON.stringify(payload.input) ?? "undefined")
  ).slice(0, 160);

describe("fuzzing every procedure", () => {
  it("has an input generator for every procedure of the app router, and none for one that is gone", () => {
    const paths = Object.keys(procedures).sort();
    expect(
      paths.filter((p) => !(p in FUZZ_TABLE)),
      "procedures without an entry in fuzz.table.ts",
    ).toEqual([]);
    expect(
      Object.keys(FUZZ_TABLE).filter((p) => !(p in procedures)),
      "entries for unknown procedures",
    ).toEqual([]);
  });

  it.each(["signedOut", "member"] as const)(
    "hostile inputs, %s: no 5xx, no stack or SQL, nothing written, nothing answered",
    { timeout: 240_000 },
    async (caller) => {
      const session = callers[caller];
      const t = { ...targets, actorId: session?.userId ?? null };
      const failures: { kind: string; example: string }[] = [];
      let calls = 0;
      for (const [index, [path, entry]] of Object.entries(FUZZ_TABLE).entries()) {
        const type = procedures[path]._def.type;
        const schema = procedures[path]._def.inputs[0];
        let inputs = inputsFor(entry.fields, t, SEED + index, INPUTS_PER_PROCEDURE);
        if (entry.refusedOnly) inputs = inputs.filter((input) => !schema.safeParse(input).success);
        const payloads: Payload[] = [
          ...inputs.map((input) => ({ input })),
          ...(type === "subscription" ? [] : RAW_BODIES.map((raw) => ({ raw }))),
        ];
        expect(payloads.length, path).toBeGreaterThanOrEqual(entry.refusedOnly ? 50 : 100);

        const before = await tables();
        for (const payload of payloads) {
          const outcome =
            type === "subscription"
              ? await subscribe(path, session, "input" in payload ? payload.input : undefined)
              : await overHttp(path, type, session, payload);
          calls++;
          const why = problem(entry, caller, type, outcome, payload);
          if (why)
            failures.push({
              kind: `${path}: ${why}`,
              example: `${describeInput(payload)} -> ${outcome.body.slice(0, 300)}`,
            });
        }
        const allowed = caller === "member" ? (entry.mayWrite?.tables ?? []) : [];
        const written = changedTables(before, await tables()).filter((table) => !allowed.includes(table));
        if (written.length) failures.push({ kind: `${path}: changed ${written.join(", ")}`, example: "" });
      }
      // One line per kind of problem, with how often it happened and a first example.
      const kinds = new Map<string, { count: number; example: string }>();
      for (const f of failures) {
        const key = f.kind;
        const known = kinds.get(key);
        if (known) known.count++;
        else kinds.set(key, { count: 1, example: f.example });
      }
      const summary = [...kinds].map(([kind, { count, example }]) => `${kind} (x${count}), e.g. ${example}`);
      expect(summary, `${failures.length} problems in ${calls} calls`).toEqual([]);
      expect(({} as Record<string, unknown>).polluted, "Object.prototype polluted").toBeUndefined();
    },
  );
});
