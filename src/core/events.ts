import type { MemberRole } from "./roles";
import type { Phase } from "./phases/phase";
import type { GovernanceEvent } from "./governance/events";
import type { BoardEvent } from "./board/board";
import type { FloorEvent } from "./tokens/floor-events";
import type { VideoEvent } from "./video/video";

// Every state change of a meeting is one of these events; the audit log stores them in order.

type GrantReason = "free" | "queue" | "facilitator";
export type ReleaseReason = "released" | "revoked" | "replaced" | "expired" | "left" | "demoted" | "closed";
export const EXPORT_FORMATS = ["json", "csv", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
type WithdrawReason = "withdrawn" | "dismissed" | "left" | "demoted" | "closed";

export type MeetingEvent =
  | { type: "meeting.created"; title: string; description: string }
  | { type: "meeting.configured"; turnLimitSec: number | null }
  | { type: "member.joined"; userId: string; role: MemberRole }
  | { type: "member.left"; userId: string }
  | { type: "member.roleChanged"; userId: string; role: MemberRole }
  | { type: "phase.changed"; from: Phase; to: Phase; reason: string | null }
  | { type: "token.requested"; userId: string }
  | { type: "token.withdrawn"; userId: string; reason: WithdrawReason }
  | { type: "token.granted"; userId: string; reason: GrantReason }
  | { type: "token.released"; userId: string; reason: ReleaseReason }
  // Ideas, comments, proposals, votes, feedback: see governance/events.ts.
  | GovernanceEvent
  // The shared canvas: finished shapes, moves, erasures, undo / redo, clear, who may draw.
  | BoardEvent
  // Queue order policy, points of order, overrides of the order: see tokens/floor-events.ts.
  | FloorEvent
  // Joining and leaving the video call, a facilitator muting someone, the microphone policy.
  | VideoEvent
  // Someone downloaded the meeting's record: the log keeps who exported what, and when.
  | { type: "record.exported"; format: ExportFormat };

/** An event as recorded: its place in the meeting's log, who caused it and when. */
export interface RecordedEvent<E extends MeetingEvent = MeetingEvent> {
  meetingId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  event: E;
}
