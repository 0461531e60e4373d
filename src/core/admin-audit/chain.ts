import { canonicalJson, type Canonicalizable } from "../audit/canonical";
import { chainGenesis, linkHash } from "../audit/chain";
import type { AdminAuditAction, AdminAuditEntry } from "./events";

/**
 * The admin log is one hash chain, like a meeting's: hash = SHA-256(prevHash ‖ canonical JSON of
 * {seq, at, actorId, targetUserId, action, data}). Its head (lastSeq, lastHash) is stored apart,
 * so deleting the newest entries is detected too.
 */
export const ADMIN_CHAIN_GENESIS = chainGenesis("admin-audit");

/** A stored row (prisma's AdminAuditEvent is assignable to this). */
export interface AdminAuditRow {
  seq: number;
  at: Date;
  actorId: string | null;
  targetUserId: string | null;
  action: string;
  /** Canonical JSON of the event minus its `action`. */
  payload: string;
  prevHash: string;
  hash: string;
}

function content(row: Omit<AdminAuditRow, "prevHash" | "hash">, data: Canonicalizable) {
  const { seq, at, actorId, targetUserId, action } = row;
  return { seq, at, actorId, targetUserId, action, data };
}

/** The row to store for an entry appended after `prevHash`. */
export function adminAuditRow(prevHash: string, entry: AdminAuditEntry): AdminAuditRow {
  const { action, ...data } = entry.event;
  const base = {
    seq: entry.seq,
    at: entry.at,
    actorId: entry.actorId,
    targetUserId: entry.targetUserId,
    action,
    payload: canonicalJson(data as Canonicalizable),
  };
  return { ...base, prevHash, hash: linkHash(prevHash, content(base, data as Canonicalizable)) };
}

/** The entry a row records (the inverse of adminAuditRow). */
export function adminAuditEntry(row: AdminAuditRow): AdminAuditEntry {
  const data = JSON.parse(row.payload) as Record<string, unknown>;
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    targetUserId: row.targetUserId,
    event: { ...data, action: row.action } as AdminAuditAction,
  };
}

type AdminChainCheck =
  | { ok: true; count: number }
  | { ok: false; brokenAt: number; reason: "changed" | "missing" | "badLink" | "head" };

function selfHash(row: AdminAuditRow): string | null {
  try {
    const data = JSON.parse(row.payload) as Canonicalizable;
    // Non-canonical bytes could change without changing the hash: refuse them.
    if (canonicalJson(data) !== row.payload) return null;
    return linkHash(row.prevHash, content(row, data));
  } catch {
    return null;
  }
}

/**
 * Walks the rows (sorted by seq) from the genesis and checks each content hash, each link and
 * the contiguous numbering, then that the last row is the stored head. Reports the first
 * sequence number that cannot be trusted.
 */
export function verifyAdminChain(
  rows: readonly AdminAuditRow[],
  head: { lastSeq: number; lastHash: string },
): AdminChainCheck {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  let prevHash = ADMIN_CHAIN_GENESIS;
  for (const [i, row] of sorted.entries()) {
    const seq = i + 1;
    if (row.seq !== seq) return { ok: false, brokenAt: seq, reason: "missing" };
    if (row.prevHash !== prevHash) return { ok: false, brokenAt: seq, reason: "badLink" };
    if (selfHash(row) !== row.hash) return { ok: false, brokenAt: seq, reason: "changed" };
    prevHash = row.hash;
  }
  if (sorted.length !== head.lastSeq || prevHash !== head.lastHash) {
    // Rows missing at the end, rows past the head, or the newest row rewritten with a new hash.
    const brokenAt =
      sorted.length === head.lastSeq ? head.lastSeq : Math.min(sorted.length, head.lastSeq) + 1;
    return { ok: false, brokenAt, reason: "head" };
  }
  return { ok: true, count: sorted.length };
}
