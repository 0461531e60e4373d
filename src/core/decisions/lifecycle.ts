import { can } from "../permissions";
import { refuse } from "../errors";
import type { Member } from "../membership";
import type { BallotSecrecy, MajorityRule, OptionId, ProposalDraft, ProposalOptions, Quorum } from "./ballot";
import { tallyVoteBook, type Tally } from "./tally";
import { closeVoteBook, votersOf, type VoteBook } from "./votes";

// A proposal's life: opened with its rules, closed with its tally and the context of the
// decision (what was asked, who could vote, who was there, which ideas it came from).

export interface ProposalState {
  proposalId: string;
  title: string;
  text: string;
  options: ProposalOptions;
  secrecy: BallotSecrecy;
  quorum: Quorum;
  majority: MajorityRule;
  linkedIdeaIds: readonly string[];
  closed: boolean;
}

export type ProposalOpenedEvent = { type: "proposal.opened"; proposalId: string } & Omit<
  ProposalDraft,
  "linkedIdeaIds"
> & { linkedIdeaIds: string[] };

export interface DecisionContext {
  /** The linked ideas as their text stood at closing. */
  linkedIdeas: { ideaId: string; text: string }[];
  /** Members entitled to vote at closing (plus anyone who voted and lost it since), sorted. */
  entitledIds: string[];
  /** Members present at closing, sorted (see closeProposal). */
  presentIds: string[];
  /** Who voted, sorted. A secret ballot records that someone voted, never what. */
  voterIds: string[];
  /** Open ballots only: who chose what. Always null for a secret ballot. */
  ballots: { userId: string; optionId: OptionId }[] | null;
  /**
   * The shared canvas as it stood at closing (board/hash.ts), so that what was on the board when
   * the decision was taken is part of its record. Absent in logs from before the canvas.
   */
  boardHash?: string;
}

export type ProposalClosedEvent = {
  type: "proposal.closed";
  proposalId: string;
  title: string;
  text: string;
  options: ProposalOptions;
  secrecy: BallotSecrecy;
  quorum: Quorum;
  majority: MajorityRule;
  tally: Tally;
} & DecisionContext;

/** Opens the vote; a proposal links only ideas of its own meeting (`meetingIdeaIds`). */
export function openProposal(
  proposalId: string,
  draft: ProposalDraft,
  meetingIdeaIds: ReadonlySet<string>,
): ProposalOpenedEvent {
  if (draft.linkedIdeaIds.some((id) => !meetingIdeaIds.has(id))) {
    throw refuse("LINKED_IDEA_FOREIGN");
  }
  return { type: "proposal.opened", proposalId, ...draft, linkedIdeaIds: [...draft.linkedIdeaIds] };
}

/** Active members whose role may vote, as the permission matrix says (not a role list here). */
export function entitledVoterIds(members: readonly Member[]): string[] {
  return members.filter((m) => m.active && can(m.role, "proposal.vote", "DECISION")).map((m) => m.userId);
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

/**
 * Close the vote: tally it and record the decision's context. `presentIds` is whoever the caller
 * counts as present (the server: members connected to the room, and the one closing); only
 * active members are kept. Throws PRECONDITION_FAILED when the proposal is already closed.
 */
export function closeProposal(
  proposal: ProposalState,
  book: VoteBook,
  context: {
    members: readonly Member[];
    presentIds: readonly string[];
    ideas: ReadonlyMap<string, string>;
    boardHash: string;
  },
): ProposalClosedEvent {
  const closed = closeVoteBook(book);
  const entitled = entitledVoterIds(context.members);
  const tally = tallyVoteBook(closed, proposal, entitled);
  const active = new Set(context.members.filter((m) => m.active).map((m) => m.userId));
  return {
    type: "proposal.closed",
    proposalId: proposal.proposalId,
    title: proposal.title,
    text: proposal.text,
    options: proposal.options,
    secrecy: proposal.secrecy,
    quorum: proposal.quorum,
    majority: proposal.majority,
    tally,
    linkedIdeas: proposal.linkedIdeaIds.flatMap((ideaId) => {
      const text = context.ideas.get(ideaId);
      return text === undefined ? [] : [{ ideaId, text }];
    }),
    entitledIds: sorted([...entitled, ...votersOf(closed)]),
    presentIds: sorted(context.presentIds.filter((id) => active.has(id))),
    voterIds: sorted(votersOf(closed)),
    ballots:
      closed.secrecy === "open"
        ? [...closed.ballots]
            .map((b) => ({ userId: b.voterId, optionId: b.optionId }))
            .sort((a, b) => (a.userId < b.userId ? -1 : 1))
        : null,
    boardHash: context.boardHash,
  };
}
