import type { AuditEvent } from "@/server/db/client";
import type { MeetingEvent } from "@/core/events";
import type { EventEnvelope } from "@/server/events/bus";

/** An audit row back into the event it records. */
export function rowToEnvelope(row: AuditEvent): EventEnvelope {
  return {
    meetingId: row.meetingId,
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    event: { type: row.type, ...JSON.parse(row.payload) } as MeetingEvent,
  };
}
