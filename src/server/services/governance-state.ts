import type { Proposal, Tx } from "@/server/db/client";
import type { BallotSecrecy, MajorityRule, ProposalOptions } from "@/core/decisions/ballot";
import { optionIdsOf } from "@/core/decisions/ballot";
import type { ProposalState } from "@/core/decisions/lifecycle";
import type { VoteBook } from "@/core/decisions/votes";
import type { IdeaState } from "@/core/ideas";
import { loadSecretBook } from "./secret-ballot";

// Governance state as commands need it, read inside the command's (locked) transaction.

// Loaders return null for an unknown id: the command asks the permission matrix first, then
// reports NOT_FOUND, so a refused caller learns nothing about what exists.

export async function loadIdea(tx: Tx, meetingId: string, ideaId: string): Promise<IdeaState | null> {
  const idea = await tx.idea.findFirst({
    where: { id: ideaId, meetingId },
    include: { _count: { select: { revisions: true } } },
  });
  if (!idea) return null;
  return { ideaId: idea.id, authorId: idea.authorId, text: idea.text, revisions: idea._count.revisions };
}

/** Every idea of the meeting: id -> current text. */
export async function loadIdeaTexts(tx: Tx, meetingId: string): Promise<Map<string, string>> {
  const ideas = await tx.idea.findMany({ where: { meetingId }, select: { id: true, text: true } });
  return new Map(ideas.map((i) => [i.id, i.text]));
}

function proposalState(row: Proposal): ProposalState {
  return {
    proposalId: row.id,
    title: row.title,
    text: row.text,
    options: JSON.parse(row.options) as ProposalOptions,
    secrecy: row.secrecy as BallotSecrecy,
    quorum: { num: row.quorumNum, den: row.quorumDen },
    majority: row.majority as MajorityRule,
    linkedIdeaIds: JSON.parse(row.linkedIdeaIds) as string[],
    closed: row.closedAt !== null,
  };
}

async function loadVoteBook(tx: Tx, proposal: ProposalState): Promise<VoteBook> {
  const { proposalId, closed } = proposal;
  const optionIds = optionIdsOf(proposal.options);
  if (proposal.secrecy === "secret") return loadSecretBook(tx, proposalId, optionIds, closed);
  const votes = await tx.openVote.findMany({ where: { proposalId }, orderBy: { userId: "asc" } });
  return {
    proposalId,
    optionIds,
    closed,
    secrecy: "open",
    ballots: votes.map((v) => ({ voterId: v.userId, optionId: v.optionId })),
  };
}

export async function loadProposal(tx: Tx, meetingId: string, proposalId: string) {
  const row = await tx.proposal.findFirst({ where: { id: proposalId, meetingId } });
  if (!row) return null;
  const proposal = proposalState(row);
  return { proposal, book: await loadVoteBook(tx, proposal) };
}

export const countOpenProposals = (tx: Tx, meetingId: string) =>
  tx.proposal.count({ where: { meetingId, closedAt: null } });

/** Who has already rated the meeting. */
export async function loadRaters(tx: Tx, meetingId: string): Promise<string[]> {
  const rows = await tx.feedback.findMany({ where: { meetingId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}
