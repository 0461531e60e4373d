import type { Tx } from "@/server/db/client";
import type { RecordedEvent } from "@/core/events";
import type { GovernanceEvent } from "@/core/governance/events";
import { canonicalJson, type Canonicalizable } from "@/core/audit/canonical";
import { refuse } from "@/core/errors";

/** Governance events are always someone's act; a system event of this kind is a bug. */
function actorOf(r: RecordedEvent): string {
  if (!r.actorId) throw new Error(`${r.event.type} needs an actor`);
  return r.actorId;
}

/** Applies one governance event to its tables (called by project(), in the command's transaction). */
export async function projectGovernance(tx: Tx, r: RecordedEvent, e: GovernanceEvent): Promise<void> {
  const { meetingId, at, seq } = r;
  switch (e.type) {
    case "idea.posted": {
      const authorId = actorOf(r);
      await tx.idea.create({ data: { id: e.ideaId, meetingId, authorId, text: e.text, postedAt: at, seq } });
      await tx.ideaRevision.create({ data: { ideaId: e.ideaId, number: 1, text: e.text, authorId, at } });
      return;
    }
    case "idea.revised": {
      const changed = await tx.idea.updateMany({
        where: { id: e.ideaId, meetingId },
        data: { text: e.text },
      });
      if (changed.count !== 1) throw refuse("IDEA_GONE");
      // The (idea, number) key refuses two revisions racing for the same number.
      await tx.ideaRevision.create({
        data: { ideaId: e.ideaId, number: e.revision, text: e.text, authorId: actorOf(r), at },
      });
      return;
    }
    case "comment.posted":
      await tx.comment.create({
        data: {
          id: e.commentId,
          ideaId: e.ideaId,
          authorId: actorOf(r),
          kind: e.kind,
          text: e.text,
          at,
          seq,
        },
      });
      return;
    case "proposal.opened":
      await tx.proposal.create({
        data: {
          id: e.proposalId,
          meetingId,
          title: e.title,
          text: e.text,
          options: canonicalJson(e.options as Canonicalizable),
          secrecy: e.secrecy,
          quorumNum: e.quorum.num,
          quorumDen: e.quorum.den,
          majority: e.majority,
          linkedIdeaIds: JSON.stringify(e.linkedIdeaIds),
          openedById: actorOf(r),
          openedAt: at,
          seq,
        },
      });
      return;
    case "vote.cast":
      if (e.secrecy === "open") {
        const key = { proposalId_userId: { proposalId: e.proposalId, userId: e.userId } };
        await tx.openVote.upsert({
          where: key,
          create: { proposalId: e.proposalId, userId: e.userId, optionId: e.optionId, at },
          update: { optionId: e.optionId, at },
        });
      } else {
        // Who voted, and nothing else: the command seals the choice apart (secret-ballot.ts).
        await tx.secretBallotVoter.create({ data: { proposalId: e.proposalId, userId: e.userId } });
      }
      return;
    case "proposal.closed": {
      const closed = await tx.proposal.updateMany({
        where: { id: e.proposalId, meetingId, closedAt: null },
        data: { closedAt: at },
      });
      if (closed.count !== 1) throw refuse("VOTE_CLOSED_MEANWHILE");
      const { type: _type, ...context } = e;
      await tx.decision.create({
        data: {
          proposalId: e.proposalId,
          meetingId,
          outcome: e.tally.outcome,
          winningOptionId: e.tally.winningOptionId,
          context: canonicalJson(context as unknown as Canonicalizable),
          decidedAt: at,
        },
      });
      return;
    }
    case "feedback.given":
      await tx.feedback.create({
        data: { meetingId, userId: e.userId, rating: e.rating, comment: e.comment, at },
      });
      return;
    default: {
      const unhandled: never = e;
      throw new Error(`No projection for ${JSON.stringify(unhandled)}`);
    }
  }
}
