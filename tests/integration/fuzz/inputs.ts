// Hostile inputs for the procedure fuzz test (tests/integration/fuzz.test.ts): what each field of
// an input may be, and the generator that turns a procedure's fields into a few hundred inputs.

/** Real things of the target meeting (one the caller is not a member of), and the caller. */
export interface Targets {
  meetingId: string;
  facilitatorId: string;
  participantId: string;
  /** The caller's own id (null when signed out). */
  actorId: string | null;
  ideaId: string;
  proposalId: string;
  /** An email that has an account. */
  takenEmail: string;
}

/** The values of one field that get past its type and reach the service (often about Targets). */
export type Field = (t: Targets) => unknown[];

/** Values any field may receive from an attacker: wrong types, edges, injections, pollution. */
const HOSTILE_VALUES: readonly unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  -1e308,
  "",
  " ",
  "\t\n\r",
  "0",
  "-1",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "1e9999",
  "x".repeat(10_001),
  "é".repeat(3_000),
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\u202eevil",
  "😀".repeat(200),
  "' OR '1'='1",
  `'; DROP TABLE "User"; --`,
  `" OR 1=1 --`,
  "1; SELECT pg_sleep(5)",
  "$1",
  "?",
  "%",
  "_",
  "\\",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${7*7}",
  `=HYPERLINK("http://evil.example")`,
  "__proto__",
  "constructor",
  [],
  [1],
  ["a", "b"],
  {},
  { $gt: "" },
  JSON.parse(`{"__proto__":{"polluted":true}}`),
  { constructor: { prototype: { polluted: true } } },
  { toString: "x", valueOf: 1 },
  nested(200),
  Array(10_000).fill(0),
];

/** Whole request bodies that are not even JSON, or JSON of the wrong shape at the top. */
export const RAW_BODIES = ["{", "[", '"', "nul", '{"a":', "{}}", "[".repeat(5_000), "\u0000"];

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

// ---- Fields ---------------------------------------------------------------------------------

const UNKNOWN_IDS = ["m_nope", "u_nope", "idea_nope", "prop_nope", "a".repeat(64), "a".repeat(65)];

export const meeting: Field = (t) => [t.meetingId, ...UNKNOWN_IDS];
export const user: Field = (t) => [t.facilitatorId, t.participantId, t.actorId, ...UNKNOWN_IDS];
export const idea: Field = (t) => [t.ideaId, ...UNKNOWN_IDS];
export const proposal: Field = (t) => [t.proposalId, ...UNKNOWN_IDS];
export const text =
  (max: number): Field =>
  () => ["A plain sentence", "Another one", "x".repeat(max), "x".repeat(max + 1)];
export const int =
  (min: number, max: number): Field =>
  () => [min, max, min - 1, max + 1];
export const oneOf =
  (...values: unknown[]): Field =>
  () =>
    values;
export const email: Field = (t) => [t.takenEmail, "not-an-email", "a@b", "@example.test", "x@example..test"];
export const list =
  (item: Field, max: number): Field =>
  (t) => [item(t).slice(0, 2), [], Array(max + 1).fill(item(t)[0])];
/** A nested object, its fields fuzzed one at a time like the top level's. */
export const object =
  (fields: Record<string, Field>): Field =>
  (t) => {
    const base = baseOf(fields, t);
    return [base, ...singles(fields, t, base)];
  };

// ---- Generator ------------------------------------------------------------------------------

/** A small seeded generator (mulberry32): the same inputs on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function baseOf(fields: Record<string, Field>, t: Targets): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field(t)[0]]));
}

/** The base input with one field replaced, by each of its values and each hostile value. */
function singles(fields: Record<string, Field>, t: Targets, base: Record<string, unknown>) {
  return Object.entries(fields).flatMap(([name, field]) =>
    [...field(t).slice(1), ...HOSTILE_VALUES].map((value) => ({ ...base, [name]: value })),
  );
}

/** As the HTTP transport delivers it: undefined fields gone, NaN and -0 as JSON makes them. */
const overTheWire = (input: unknown): unknown =>
  input === undefined ? undefined : JSON.parse(JSON.stringify(input) ?? "null");

/**
 * About `count` inputs for a procedure with these fields (none: a procedure without input):
 * each field alone through its values and the hostile ones, whole hostile inputs, then random
 * mixtures of all of them, fields sometimes left out.
 */
export function inputsFor(fields: Record<string, Field> | null, t: Targets, seed: number, count: number) {
  const random = rng(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const whole = [...HOSTILE_VALUES];
  if (!fields) {
    while (whole.length < count)
      whole.push({ [pick(["a", "__proto__", "meetingId"])]: pick(HOSTILE_VALUES) });
    return whole.slice(0, count).map(overTheWire);
  }
  const base = baseOf(fields, t);
  const inputs: unknown[] = [
    base,
    ...singles(fields, t, base),
    ...whole,
    { ...base, extra: "field" },
    { ...JSON.parse(`{"__proto__":{"polluted":true}}`), ...base },
  ];
  while (inputs.length < count) {
    const mixed: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(fields)) {
      const roll = random();
      if (roll < 0.1) continue;
      mixed[name] = roll < 0.55 ? pick(field(t)) : pick(HOSTILE_VALUES);
    }
    inputs.push(mixed);
  }
  return inputs.map(overTheWire);
}
