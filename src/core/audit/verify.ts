import { canonicalJson, type Canonicalizable } from "./canonical";
import { chainHash, genesisHash } from "./chain";
import { recordFromRow, type AuditRow } from "./rows";

// Verifies a meeting's audit rows as read back from storage (and possibly tampered with).
// Each row is checked two ways: does its content still hash to its stored hash ("self"), and does
// its prevHash equal the previous row's hash ("link")? How those two fail, together with the
// sequence numbers, tells which kind of tampering happened. See classify() for the rules.

/** The chain head the meeting row stores; it catches truncation and rows appended behind its back. */
export interface ChainHead {
  lastSeq: number;
  lastHash: string;
}

export type BreakReason = "changed" | "missing" | "reordered" | "inserted" | "badLink";

export type VerifyResult =
  | { ok: true; head: { seq: number; hash: string } | null; count: number }
  | {
      ok: false;
      /** The first sequence number that cannot be trusted. */
      brokenAt: number;
      reason: BreakReason;
      detail: string;
      /** The last sequence number that verified (0 if none). */
      verifiedThrough: number;
    };

/**
 * The hash the row's content would have if it were recorded as event `seq`, or null when the
 * content is unreadable. The payload must also be byte-for-byte canonical: otherwise bytes could
 * change without changing the hash.
 */
function hashAs(meetingId: string, row: AuditRow, seq: number): string | null {
  try {
    const r = recordFromRow(meetingId, { ...row, seq });
    if (canonicalJson(JSON.parse(row.payload) as Canonicalizable) !== row.payload) return null;
    return chainHash(row.prevHash, r);
  } catch {
    return null;
  }
}

/**
 * Is `row` still the head the meeting row names, with content that hashes as stored? Checked by
 * every command before it appends (so a changed last event stops the "verified through" mark),
 * without walking the whole chain; the full walk is verifyChain's.
 */
export function headIntact(meetingId: string, row: AuditRow, head: ChainHead): boolean {
  return (
    row.seq === head.lastSeq && row.hash === head.lastHash && hashAs(meetingId, row, row.seq) === row.hash
  );
}

type Break = { brokenAt: number; reason: BreakReason; detail: string };

/**
 * Verifies rows (ordered by seq; sorted again defensively) from the meeting's genesis. With
 * `expected` (the meeting row's lastSeq/lastHash), truncation at the end is "missing" and rows past
 * the head are "inserted". Without it, deleting the last rows, or appending a correctly linked
 * forged row, is indistinguishable from a shorter or longer genuine log.
 */
export function verifyChain(
  meetingId: string,
  rows: readonly AuditRow[],
  expected?: ChainHead,
): VerifyResult {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const genesis = genesisHash(meetingId);
  const walked = expected ? sorted.filter((r) => r.seq <= expected.lastSeq) : sorted;
  let prevHash = genesis;
  let prevSeq = 0;

  const fail = (b: Break): VerifyResult => ({
    ok: false,
    ...b,
    verifiedThrough: Math.max(0, Math.min(b.brokenAt - 1, prevSeq)),
  });

  for (let i = 0; i < walked.length; i++) {
    const row = walked[i];
    const next = walked[i + 1];
    const want = prevSeq + 1;
    if (row.seq > want) {
      const gap = row.seq - 1 === want ? `#${want} is` : `#${want}..#${row.seq - 1} are`;
      return fail({
        brokenAt: want,
        reason: "missing",
        detail: `${gap} missing: the log jumps from #${prevSeq} to #${row.seq}`,
      });
    }
    if (row.seq < want) {
      return fail({
        brokenAt: row.seq,
        reason: "inserted",
        detail: `an event numbered #${row.seq} precedes the first event`,
      });
    }
    if (next?.seq === row.seq) {
      return fail({ brokenAt: row.seq, reason: "inserted", detail: `two events claim #${row.seq}` });
    }
    const selfOk = hashAs(meetingId, row, row.seq) === row.hash;
    const linkOk = row.prevHash === prevHash;
    if (selfOk && linkOk) {
      prevHash = row.hash;
      prevSeq = row.seq;
      continue;
    }
    // Whatever vouches for this row's hash from the outside: the next row's link, or the head.
    const attested = next ? next.prevHash === row.hash : expected?.lastHash === row.hash;
    return fail(classify({ meetingId, row, selfOk, linkOk, attested, sorted, genesis }));
  }

  if (expected) {
    if (prevSeq < expected.lastSeq) {
      return fail({
        brokenAt: prevSeq + 1,
        reason: "missing",
        detail: `the log ends at #${prevSeq} but the meeting's head says #${expected.lastSeq}`,
      });
    }
    if (prevHash !== expected.lastHash) {
      return prevSeq === 0
        ? fail({ brokenAt: 1, reason: "badLink", detail: "the meeting's head does not match its genesis" })
        : fail({
            brokenAt: prevSeq,
            reason: "changed",
            detail: `#${prevSeq} verifies on its own but its hash differs from the meeting's head: it was rewritten with a recomputed hash`,
          });
    }
    const extra = sorted.find((r) => r.seq > expected.lastSeq);
    if (extra) {
      return fail({
        brokenAt: extra.seq,
        reason: "inserted",
        detail: `#${extra.seq} lies beyond the meeting's head (#${expected.lastSeq})`,
      });
    }
  }
  return { ok: true, head: prevSeq > 0 ? { seq: prevSeq, hash: prevHash } : null, count: walked.length };
}

interface Failure {
  meetingId: string;
  row: AuditRow;
  selfOk: boolean;
  linkOk: boolean;
  attested: boolean;
  sorted: readonly AuditRow[];
  genesis: string;
}

/**
 * The first row that fails, at the sequence number it should have (everything before it verified):
 * - content bad, link good: the row was edited in place -> "changed" here.
 * - content good, link bad: if the next row (or the head) still chains to this row, the row is
 *   genuine and its predecessor was rewritten with a recomputed hash -> "changed" one earlier
 *   ("badLink" if this is #1: it chains to another genesis). If nothing chains to it, it is a
 *   forged row with its own consistent hash -> "inserted" here.
 * - both bad: find the number s under which the row's content does hash to its stored hash.
 *   s > seq and its predecessor is present: seq numbers were swapped -> "reordered".
 *   s > seq and its predecessor is gone: rows were deleted and the rest renumbered -> "missing".
 *   s < seq: forged rows were slipped in at s and the rest renumbered -> "inserted" at s (or, if
 *   another row has the very same hash, this row is a copy -> "inserted" here).
 *   No such s: the prevHash itself was altered -> "badLink".
 */
function classify(f: Failure): Break {
  const { row } = f;
  const seq = row.seq;
  if (f.linkOk) {
    return {
      brokenAt: seq,
      reason: "changed",
      detail: `#${seq} no longer matches its hash: its content was altered`,
    };
  }
  if (f.selfOk) {
    if (!f.attested) {
      return {
        brokenAt: seq,
        reason: "inserted",
        detail: `#${seq} hashes correctly but does not chain to #${seq - 1} and nothing chains to it: a forged row`,
      };
    }
    if (seq === 1) {
      return { brokenAt: 1, reason: "badLink", detail: "#1 does not chain to this meeting's genesis" };
    }
    return {
      brokenAt: seq - 1,
      reason: "changed",
      detail: `#${seq} chains to a different hash than #${seq - 1} has: #${seq - 1} was rewritten with a recomputed hash`,
    };
  }
  const s = originalSeq(f);
  if (s === null) {
    return {
      brokenAt: seq,
      reason: "badLink",
      detail: `#${seq} neither matches its hash nor chains to #${seq - 1}`,
    };
  }
  if (s > seq) {
    const predecessorPresent = row.prevHash === f.genesis || f.sorted.some((r) => r.hash === row.prevHash);
    return predecessorPresent
      ? {
          brokenAt: seq,
          reason: "reordered",
          detail: `#${seq} holds the event recorded as #${s}: sequence numbers were swapped`,
        }
      : {
          brokenAt: seq,
          reason: "missing",
          detail: `#${seq} holds the event recorded as #${s}, whose predecessor is gone: rows were deleted and the rest renumbered`,
        };
  }
  const copy = f.sorted.some((r) => r !== row && r.hash === row.hash);
  return copy
    ? { brokenAt: seq, reason: "inserted", detail: `#${seq} is a copy of event #${s}` }
    : {
        brokenAt: s,
        reason: "inserted",
        detail: `#${seq} holds the event recorded as #${s}: rows were inserted from #${s} and the rest renumbered`,
      };
}

/** The sequence number under which the row's content matches its stored hash, if any. */
function originalSeq(f: Failure): number | null {
  const maxSeq = f.sorted.length ? f.sorted[f.sorted.length - 1].seq : 0;
  // A linear scan, run once at the first failure; it finds shifts up to the log's own length.
  const bound = Math.max(maxSeq, f.sorted.length) * 2 + 1;
  for (let s = 1; s <= bound; s++) {
    if (s !== f.row.seq && hashAs(f.meetingId, f.row, s) === f.row.hash) return s;
  }
  return null;
}
