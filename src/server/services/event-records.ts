import type { AuditEvent } from "@/server/db/client";
import { recordFromRow } from "@/core/audit/rows";
import type { EventEnvelope } from "@/server/events/bus";
import { toEnvelope } from "./event-log";

/**
 * A stored audit row as the event it records, for the live room. Decoded by the log's one
 * decoder (core/audit/rows.ts): a payload cannot override the row's type, and an unreadable row
 * fails loudly instead of showing a forged event.
 */
export const rowToEnvelope = (row: AuditEvent): EventEnvelope =>
  toEnvelope(recordFromRow(row.meetingId, row));
