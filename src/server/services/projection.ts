import type { RecordedEvent } from "@/core/events";
import type { CommandTx } from "./event-log";
import { projectGovernance } from "./governance-projection";
import { projectToken } from "./token-projection";
import { isBoardEvent } from "@/core/board/board";
import { projectFloor } from "./floor-projection";

/** Applies one recorded event to the state tables, inside the command's transaction. */
export async function project({ tx, sql }: CommandTx, r: RecordedEvent): Promise<void> {
  const e = r.event;
  const meetingId = r.meetingId;
  if (isBoardEvent(e)) {
    // The board lives in the log alone; only who may draw is a column too.
    if (e.type === "board.policySet")
      await tx.meeting.update({ where: { id: meetingId }, data: { drawPolicy: e.drawPolicy } });
    return;
  }
  switch (e.type) {
    case "meeting.created":
    case "record.exported": // a fact about the record, not a change to the meeting
      return;
    case "meeting.configured":
      await tx.meeting.update({ where: { id: meetingId }, data: { turnLimitSec: e.turnLimitSec } });
      return;
    case "member.joined":
      await tx.membership.upsert({
        where: { meetingId_userId: { meetingId, userId: e.userId } },
        create: { meetingId, userId: e.userId, role: e.role, joinedAt: r.at },
        update: { role: e.role, joinedAt: r.at, leftAt: null },
      });
      return;
    case "member.left":
      await tx.membership.update({
        where: { meetingId_userId: { meetingId, userId: e.userId } },
        data: { leftAt: r.at },
      });
      return;
    case "member.roleChanged":
      await tx.membership.update({
        where: { meetingId_userId: { meetingId, userId: e.userId } },
        data: { role: e.role },
      });
      return;
    case "phase.changed":
      await tx.meeting.update({ where: { id: meetingId }, data: { phase: e.to, phaseSince: r.at } });
      return;
    case "token.requested":
    case "token.withdrawn":
    case "token.granted":
    case "token.released":
      return projectToken(sql, r, e);
    case "floor.policySet":
    case "floor.pointRaised":
    case "floor.pointGranted":
    case "floor.pointDeclined":
    case "floor.pointWithdrawn":
    case "floor.reordered":
    case "floor.grantedOutOfOrder":
      return projectFloor(sql, r, e);
    case "idea.posted":
    case "idea.revised":
    case "comment.posted":
    case "proposal.opened":
    case "vote.cast":
    case "proposal.closed":
    case "feedback.given":
      return projectGovernance(tx, r, e);
    case "video.micPolicySet":
      await tx.meeting.update({ where: { id: meetingId }, data: { micPolicy: e.policy } });
      return;
    case "video.joined": // who is in the call is folded from the log (video/video.ts)
    case "video.left":
    case "video.muted":
      return;
    default: {
      // Adding an event type without saying how it changes the tables fails to compile.
      const unhandled: never = e;
      throw new Error(`No projection for ${JSON.stringify(unhandled)}`);
    }
  }
}
