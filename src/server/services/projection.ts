import type { Tx } from "@/server/db/client";
import type { RecordedEvent } from "@/core/events";
import { conflict } from "@/core/errors";
import { projectGovernance } from "./governance-projection";

/**
 * Applies one recorded event to the state tables, inside the command's transaction. The token
 * updates are conditional, so the database itself refuses a second holder even if two processes
 * raced past the engine's checks.
 */
export async function project(tx: Tx, r: RecordedEvent): Promise<void> {
  const e = r.event;
  const meetingId = r.meetingId;
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
      await tx.queueEntry.create({
        data: { meetingId, userId: e.userId, ticket: r.seq, requestedAt: r.at },
      });
      return;
    case "token.withdrawn":
      await tx.queueEntry.delete({ where: { meetingId_userId: { meetingId, userId: e.userId } } });
      return;
    case "token.granted": {
      await tx.queueEntry.deleteMany({ where: { meetingId, userId: e.userId } });
      const taken = await tx.meeting.updateMany({
        where: { id: meetingId, holderId: null },
        data: { holderId: e.userId, holderSince: r.at },
      });
      if (taken.count !== 1) throw conflict("Someone else holds the speaking token");
      return;
    }
    case "token.released": {
      const freed = await tx.meeting.updateMany({
        where: { id: meetingId, holderId: e.userId },
        data: { holderId: null, holderSince: null },
      });
      if (freed.count !== 1) throw conflict("The speaking token changed hands meanwhile");
      return;
    }
    case "idea.posted":
    case "idea.revised":
    case "comment.posted":
    case "proposal.opened":
    case "vote.cast":
    case "proposal.closed":
    case "feedback.given":
      return projectGovernance(tx, r, e);
    default: {
      // Adding an event type without saying how it changes the tables fails to compile.
      const unhandled: never = e;
      throw new Error(`No projection for ${JSON.stringify(unhandled)}`);
    }
  }
}
