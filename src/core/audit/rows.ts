import type { MeetingEvent, RecordedEvent } from "../events";
import { canonicalJson, type Canonicalizable } from "./canonical";
import { chainHash } from "./chain";

// The stored form of a meeting's events, both ways: the one encoder (auditRowOf, used by the
// command path) and the one decoder (recordFromRow, used by every reader of the log).

/** One audit row as stored (prisma's AuditEvent is assignable to this). */
export interface AuditRow {
  seq: number;
  type: string;
  actorId: string | null;
  /** Canonical JSON of the event minus its `type`. */
  payload: string;
  at: Date;
  prevHash: string;
  hash: string;
}

const isPlainObject = (v: unknown): v is Record<string, Canonicalizable> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Rebuilds the recorded event from a row: the payload plus the `type` column. Throws on a payload
 * that is not a JSON object or that carries its own `type` (which would silently override the
 * column and let the column lie about what is hashed).
 */
export function recordFromRow(
  meetingId: string,
  row: Pick<AuditRow, "seq" | "type" | "actorId" | "payload" | "at">,
): RecordedEvent {
  const data: unknown = JSON.parse(row.payload);
  if (!isPlainObject(data)) throw new Error(`Payload of event #${row.seq} is not a JSON object`);
  if ("type" in data) throw new Error(`Payload of event #${row.seq} carries its own type`);
  // Trusted as far as the hash goes: verifyChain is what says whether the row is genuine.
  const event = { type: row.type, ...data } as unknown as MeetingEvent;
  return { meetingId, seq: row.seq, at: row.at, actorId: row.actorId, event };
}

/** The row appendEvents writes for a recorded event (the inverse of recordFromRow). */
export function auditRowOf(prevHash: string, r: RecordedEvent): AuditRow {
  const { type, ...data } = r.event;
  return {
    seq: r.seq,
    type,
    actorId: r.actorId,
    payload: canonicalJson(data as Canonicalizable),
    at: r.at,
    prevHash,
    hash: chainHash(prevHash, r),
  };
}
