import { describe, expect, it } from "vitest";
import type { MeetingEvent, RecordedEvent } from "@/core/events";
import { chainHash, genesisHash } from "@/core/audit/chain";
import { verifyChain } from "@/core/audit/verify";
import { auditRowOf, recordFromRow, type AuditRow } from "@/core/audit/rows";

const MEETING = "m_test";
const t0 = Date.parse("2026-03-01T09:00:00.000Z");

const script: MeetingEvent[] = [
  { type: "meeting.created", title: "Budget", description: "Q2" },
  { type: "member.joined", userId: "ana", role: "FACILITATOR" },
  { type: "member.joined", userId: "bob", role: "PARTICIPANT" },
  { type: "token.granted", userId: "ana", reason: "free" },
  { type: "token.requested", userId: "bob" },
  { type: "token.released", userId: "ana", reason: "released" },
  { type: "token.granted", userId: "bob", reason: "queue" },
  { type: "phase.changed", from: "IDEATION", to: "DECISION", reason: null },
];
const N = script.length;

const record = (seq: number, event: MeetingEvent): RecordedEvent => ({
  meetingId: MEETING,
  seq,
  at: new Date(t0 + seq * 1000),
  actorId: seq === 3 ? "bob" : "ana",
  event,
});

/** The rows appendEvents would have written, built with chainHash directly. */
function buildChain(): AuditRow[] {
  let prev = genesisHash(MEETING);
  return script.map((event, i) => {
    const r = record(i + 1, event);
    const { type, ...data } = event;
    const hash = chainHash(prev, r);
    const row: AuditRow = {
      seq: r.seq,
      type,
      actorId: r.actorId,
      payload: JSON.stringify(sortKeys(data)),
      at: r.at,
      prevHash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
}
const sortKeys = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

const rows = buildChain();
const last = rows[N - 1];
const head = { lastSeq: N, lastHash: last.hash };
const at = (seq: number) => rows[seq - 1];
const replace = (rs: AuditRow[], seq: number, row: AuditRow) => rs.map((r) => (r.seq === seq ? row : r));
const renumber = (rs: AuditRow[], from: number, by: number) =>
  rs.map((r) => (r.seq >= from ? { ...r, seq: r.seq + by } : r));
const forge = (prevHash: string, seq: number, event: MeetingEvent = { type: "member.left", userId: "bob" }) =>
  auditRowOf(prevHash, { meetingId: MEETING, seq, at: new Date(t0 + 99_000), actorId: "mallory", event });
/** Same content, hash recomputed over it, prevHash kept: an edit by someone who knows the scheme. */
const rehash = (row: AuditRow, payload: string) =>
  auditRowOf(row.prevHash, { ...recordFromRow(MEETING, { ...row, payload }) });

const broken = (result: ReturnType<typeof verifyChain>) =>
  result.ok
    ? { ok: true }
    : { reason: result.reason, brokenAt: result.brokenAt, verifiedThrough: result.verifiedThrough };

describe("recordFromRow / auditRowOf", () => {
  it("rebuild exactly the event chain.ts hashed", () => {
    for (const row of rows) {
      const r = recordFromRow(MEETING, row);
      expect(r).toEqual(record(row.seq, script[row.seq - 1]));
      expect(chainHash(row.prevHash, r)).toBe(row.hash);
      expect(auditRowOf(row.prevHash, r)).toEqual(row);
    }
  });

  it("refuses a payload that is not an object or that carries its own type", () => {
    expect(() => recordFromRow(MEETING, { ...at(2), payload: "[1]" })).toThrow();
    expect(() => recordFromRow(MEETING, { ...at(2), payload: '{"type":"member.left"}' })).toThrow();
  });
});

describe("verifyChain on an untouched chain", () => {
  it("verifies with the right head", () => {
    expect(verifyChain(MEETING, rows)).toEqual({ ok: true, head: { seq: N, hash: last.hash }, count: N });
    expect(verifyChain(MEETING, rows, head)).toEqual({
      ok: true,
      head: { seq: N, hash: last.hash },
      count: N,
    });
  });

  it("accepts rows in any order (they are sorted by seq)", () => {
    expect(verifyChain(MEETING, [...rows].reverse(), head).ok).toBe(true);
  });

  it("verifies an empty log against an empty head", () => {
    expect(verifyChain(MEETING, [], { lastSeq: 0, lastHash: genesisHash(MEETING) })).toEqual({
      ok: true,
      head: null,
      count: 0,
    });
  });

  it("refuses the rows of one meeting presented as another's", () => {
    expect(broken(verifyChain("m_other", rows))).toEqual({
      reason: "badLink",
      brokenAt: 1,
      verifiedThrough: 0,
    });
  });
});

describe("UPDATE: changed", () => {
  it("a payload edited in place", () => {
    const tampered = replace(rows, 4, { ...at(4), payload: '{"reason":"free","userId":"bob"}' });
    expect(broken(verifyChain(MEETING, tampered, head))).toEqual({
      reason: "changed",
      brokenAt: 4,
      verifiedThrough: 3,
    });
  });

  it("the type, actor, time or stored hash edited in place", () => {
    const edits: Partial<AuditRow>[] = [
      { type: "token.released" },
      { actorId: "bob" },
      { at: new Date(t0) },
      { hash: "0".repeat(64) },
    ];
    for (const edit of edits) {
      expect(broken(verifyChain(MEETING, replace(rows, 5, { ...at(5), ...edit }), head))).toEqual({
        reason: "changed",
        brokenAt: 5,
        verifiedThrough: 4,
      });
    }
  });

  it("bytes of the payload changed without changing its meaning", () => {
    const spaced = replace(rows, 2, { ...at(2), payload: at(2).payload.replace(":", ": ") });
    expect(broken(verifyChain(MEETING, spaced))).toMatchObject({ reason: "changed", brokenAt: 2 });
    const withType = replace(rows, 2, {
      ...at(2),
      payload: '{"role":"FACILITATOR","type":"member.joined","userId":"ana"}',
    });
    expect(broken(verifyChain(MEETING, withType))).toMatchObject({ reason: "changed", brokenAt: 2 });
  });

  it("a payload edited and its hash recomputed: caught by the next row's link", () => {
    const tampered = replace(rows, 3, rehash(at(3), '{"role":"FACILITATOR","userId":"bob"}'));
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "changed",
      brokenAt: 3,
      verifiedThrough: 2,
    });
  });

  it("the second-to-last row rehashed: the last row, vouched for by the head, still links to the original", () => {
    const tampered = replace(rows, N - 1, rehash(at(N - 1), '{"reason":"facilitator","userId":"bob"}'));
    expect(broken(verifyChain(MEETING, tampered, head))).toEqual({
      reason: "changed",
      brokenAt: N - 1,
      verifiedThrough: N - 2,
    });
  });

  it("the last row rehashed: caught by the meeting's head", () => {
    const tampered = replace(rows, N, rehash(at(N), '{"from":"IDEATION","reason":null,"to":"CLOSED"}'));
    expect(broken(verifyChain(MEETING, tampered, head))).toEqual({
      reason: "changed",
      brokenAt: N,
      verifiedThrough: N - 1,
    });
  });

  it("a row's prevHash edited: badLink", () => {
    const tampered = replace(rows, 6, { ...at(6), prevHash: "f".repeat(64) });
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "badLink",
      brokenAt: 6,
      verifiedThrough: 5,
    });
  });
});

describe("DELETE: missing", () => {
  it("a row in the middle", () => {
    const tampered = rows.filter((r) => r.seq !== 5);
    expect(broken(verifyChain(MEETING, tampered, head))).toEqual({
      reason: "missing",
      brokenAt: 5,
      verifiedThrough: 4,
    });
  });

  it("several rows in the middle", () => {
    const tampered = rows.filter((r) => r.seq < 3 || r.seq > 5);
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "missing",
      brokenAt: 3,
      verifiedThrough: 2,
    });
  });

  it("the first row", () => {
    expect(broken(verifyChain(MEETING, rows.slice(1)))).toEqual({
      reason: "missing",
      brokenAt: 1,
      verifiedThrough: 0,
    });
  });

  it("the last rows, against the meeting's head", () => {
    expect(broken(verifyChain(MEETING, rows.slice(0, N - 2), head))).toEqual({
      reason: "missing",
      brokenAt: N - 1,
      verifiedThrough: N - 2,
    });
    // Without the head a truncated log is a shorter genuine log.
    expect(verifyChain(MEETING, rows.slice(0, N - 2))).toMatchObject({ ok: true, head: { seq: N - 2 } });
  });

  it("a row deleted and the later rows renumbered to close the gap", () => {
    const tampered = renumber(
      rows.filter((r) => r.seq !== 4),
      5,
      -1,
    );
    expect(broken(verifyChain(MEETING, tampered, { lastSeq: N - 1, lastHash: last.hash }))).toEqual({
      reason: "missing",
      brokenAt: 4,
      verifiedThrough: 3,
    });
  });
});

describe("swapped sequence numbers: reordered", () => {
  const swap = (a: number, b: number) =>
    rows.map((r) => (r.seq === a ? { ...r, seq: b } : r.seq === b ? { ...r, seq: a } : r));

  it.each([
    [3, 6],
    [4, 5],
    [1, 2],
    [N - 1, N],
  ])("#%i and #%i", (a, b) => {
    expect(broken(verifyChain(MEETING, swap(a, b), head))).toEqual({
      reason: "reordered",
      brokenAt: a,
      verifiedThrough: a - 1,
    });
  });
});

describe("INSERT: inserted", () => {
  it("a forged row appended with a recomputed hash, past the meeting's head", () => {
    const tampered = [...rows, forge(last.hash, N + 1)];
    expect(broken(verifyChain(MEETING, tampered, head))).toEqual({
      reason: "inserted",
      brokenAt: N + 1,
      verifiedThrough: N,
    });
    // Without the head a perfectly linked forgery at the end cannot be told from a real event.
    expect(verifyChain(MEETING, tampered).ok).toBe(true);
  });

  it("a forged row appended that chains to a stale hash", () => {
    const tampered = [...rows, forge(at(N - 1).hash, N + 1)];
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "inserted",
      brokenAt: N + 1,
      verifiedThrough: N,
    });
  });

  it("a forged row slipped into the middle, later rows renumbered, correctly linked", () => {
    const tampered = [...renumber(rows, 4, 1), forge(at(3).hash, 4)];
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "inserted",
      brokenAt: 4,
      verifiedThrough: 3,
    });
  });

  it("two forged rows slipped into the middle, correctly linked", () => {
    const first = forge(at(3).hash, 4);
    const second = forge(first.hash, 5, { type: "member.left", userId: "ana" });
    const tampered = [...renumber(rows, 4, 2), first, second];
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "inserted",
      brokenAt: 4,
      verifiedThrough: 3,
    });
  });

  it("a forged row slipped into the middle that chains to the wrong hash", () => {
    const tampered = [...renumber(rows, 4, 1), forge(at(2).hash, 4)];
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "inserted",
      brokenAt: 4,
      verifiedThrough: 3,
    });
  });

  it("a genuine row replaced by a forgery (same seq, recomputed hash)", () => {
    const tampered = replace(rows, 5, forge(at(4).hash, 5));
    // The forgery links and hashes; the next row still chains to the original #5.
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "changed",
      brokenAt: 5,
      verifiedThrough: 4,
    });
  });

  it("a second row with an existing sequence number (possible in an exported bundle)", () => {
    const tampered = [...rows, forge(at(2).hash, 3)];
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "inserted",
      brokenAt: 3,
      verifiedThrough: 2,
    });
  });

  it("a copy of an earlier row appended under a new number", () => {
    const tampered = [...rows, { ...at(4), seq: N + 1 }];
    expect(broken(verifyChain(MEETING, tampered))).toEqual({
      reason: "inserted",
      brokenAt: N + 1,
      verifiedThrough: N,
    });
  });
});

describe("detail", () => {
  it("says what happened in words", () => {
    const result = verifyChain(
      MEETING,
      rows.filter((r) => r.seq !== 5),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toMatch(/#5 is missing/);
  });
});
