import { refuse } from "../errors";
import { optionIdsOf, type BallotSecrecy, type OptionId, type ProposalOptions } from "./ballot";

// The vote book of one proposal: pure, returns the next book and the event to record.
//
// Open ballot: the book keeps each voter's latest choice, so a vote can be changed until closing.
// Secret ballot: the book keeps WHO voted (to refuse a second vote) and anonymous counts per
// option, and nothing else: no structure anywhere holds a (voter, choice) pair, and the event
// says that someone voted, not what. The server keeps the choices sealed until closing, so a
// book it loads to cast a vote has no counts (null); only the book it loads to close has them.

interface BookBase {
  proposalId: string;
  /** Every option a voter may pick, abstention included. */
  optionIds: readonly OptionId[];
  closed: boolean;
}

interface OpenBallot {
  voterId: string;
  optionId: OptionId;
}

export interface OpenVoteBook extends BookBase {
  secrecy: "open";
  /** One entry per voter: their latest choice. An array, not a record keyed by user id. */
  ballots: readonly OpenBallot[];
}

export interface SecretVoteBook extends BookBase {
  secrecy: "secret";
  /** Sorted, so not even the order of voting is kept. */
  voters: readonly string[];
  /** Votes per option; null while the choices are sealed (only a tally needs them). */
  counts: Readonly<Record<OptionId, number>> | null;
}

export type VoteBook = OpenVoteBook | SecretVoteBook;

export type VoteCastEvent =
  | {
      type: "vote.cast";
      proposalId: string;
      userId: string;
      secrecy: "open";
      optionId: OptionId;
      /** The choice this vote replaces, null for a first vote. */
      previousOptionId: OptionId | null;
    }
  | { type: "vote.cast"; proposalId: string; userId: string; secrecy: "secret" };

interface CastResult {
  book: VoteBook;
  event: VoteCastEvent;
}

const zeroCounts = (optionIds: readonly OptionId[]): Record<OptionId, number> =>
  Object.fromEntries(optionIds.map((id) => [id, 0]));

export function emptyVoteBook(
  proposalId: string,
  options: ProposalOptions,
  secrecy: BallotSecrecy,
): VoteBook {
  const optionIds = optionIdsOf(options);
  return secrecy === "open"
    ? { proposalId, optionIds, closed: false, secrecy, ballots: [] }
    : { proposalId, optionIds, closed: false, secrecy, voters: [], counts: zeroCounts(optionIds) };
}

export function hasVoted(book: VoteBook, voterId: string): boolean {
  return book.secrecy === "open"
    ? book.ballots.some((b) => b.voterId === voterId)
    : book.voters.includes(voterId);
}

/** The voter's current choice in an open ballot; always null in a secret one (it is not known). */
export function choiceOf(book: VoteBook, voterId: string): OptionId | null {
  if (book.secrecy === "secret") return null;
  return book.ballots.find((b) => b.voterId === voterId)?.optionId ?? null;
}

export function votersOf(book: VoteBook): string[] {
  return book.secrecy === "open" ? book.ballots.map((b) => b.voterId) : [...book.voters];
}

/** Votes per option (every option present, zeros included). Sealed counts are a caller's bug. */
export function countsOf(book: VoteBook): Record<OptionId, number> {
  if (book.secrecy === "secret") {
    if (!book.counts) throw new Error(`The choices of ${book.proposalId} are still sealed`);
    return { ...zeroCounts(book.optionIds), ...book.counts };
  }
  const counts = zeroCounts(book.optionIds);
  for (const b of book.ballots) counts[b.optionId] += 1;
  return counts;
}

/**
 * Cast (or, in an open ballot, change) a vote. Who may vote at all is the permission matrix's
 * business; this checks the state: closed proposal, unknown option, repeated vote.
 */
export function castVote(book: VoteBook, voterId: string, optionId: OptionId): CastResult {
  if (book.closed) throw refuse("VOTING_CLOSED");
  if (!book.optionIds.includes(optionId)) {
    throw refuse("UNKNOWN_OPTION", { option: optionId });
  }
  const { proposalId } = book;

  if (book.secrecy === "secret") {
    // A secret vote cannot be changed: changing it means taking one vote away from the previous
    // choice, and the book cannot know which choice that was without storing the very
    // voter -> choice link a secret ballot must never store.
    if (book.voters.includes(voterId)) {
      throw refuse("SECRET_VOTE_FINAL");
    }
    return {
      book: {
        ...book,
        voters: [...book.voters, voterId].sort(),
        counts: book.counts && { ...book.counts, [optionId]: (book.counts[optionId] ?? 0) + 1 },
      },
      event: { type: "vote.cast", proposalId, userId: voterId, secrecy: "secret" },
    };
  }

  const previous = choiceOf(book, voterId);
  if (previous === optionId) throw refuse("SAME_VOTE");
  const others = book.ballots.filter((b) => b.voterId !== voterId);
  return {
    book: { ...book, ballots: [...others, { voterId, optionId }] },
    event: {
      type: "vote.cast",
      proposalId,
      userId: voterId,
      secrecy: "open",
      optionId,
      previousOptionId: previous,
    },
  };
}

/** Fold a recorded open vote into the book (to rebuild an open ballot from the log). */
export function applyOpenVote(
  book: OpenVoteBook,
  e: Extract<VoteCastEvent, { secrecy: "open" }>,
): OpenVoteBook {
  return {
    ...book,
    ballots: [
      ...book.ballots.filter((b) => b.voterId !== e.userId),
      { voterId: e.userId, optionId: e.optionId },
    ],
  };
}

export function closeVoteBook(book: VoteBook): VoteBook {
  if (book.closed) throw refuse("PROPOSAL_ALREADY_CLOSED");
  return { ...book, closed: true };
}
