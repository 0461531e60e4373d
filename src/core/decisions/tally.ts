import {
  ABSTAIN,
  YES,
  optionIdsOf,
  sideOptionIdsOf,
  type Fraction,
  type MajorityRule,
  type OptionId,
  type ProposalOptions,
  type Quorum,
} from "./ballot";
import { countsOf, votersOf, type VoteBook } from "./votes";

// Closing a proposal: quorum, majority, outcome. Integers only; every ratio is compared by
// cross-multiplication so no boundary case depends on floating-point rounding.

type Outcome = "adopted" | "rejected" | "noQuorum";

interface TallyInput {
  options: ProposalOptions;
  /** Votes per option id (missing ids count as 0). */
  counts: Readonly<Record<OptionId, number>>;
  /** How many were entitled to vote. */
  entitled: number;
  /** How many voted, abstentions included (= the sum of the counts). */
  voted: number;
  quorum: Quorum;
  majority: MajorityRule;
}

export interface Tally {
  /** Every option, zeros included. */
  counts: Record<OptionId, number>;
  /** Ballots cast, abstentions included. */
  votesCast: number;
  abstentions: number;
  entitled: number;
  /** voted / entitled, exact (den 0 when nobody was entitled); for display. */
  turnout: Fraction;
  quorumMet: boolean;
  outcome: Outcome;
  /** The adopted option ("yes" for a yes/no proposal), null unless adopted. */
  winningOptionId: OptionId | null;
}

/** Inconsistent input is a bug in the caller, not a user error: fail loudly. */
function invariant(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`tally: ${message}`);
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Does `count` out of `base` side-taking votes carry the rule? `count > 0` everywhere, so an
 * empty vote adopts nothing and at most one option can ever qualify (a tie never does).
 */
export function carries(rule: MajorityRule, count: number, base: number): boolean {
  if (count <= 0) return false;
  switch (rule) {
    case "simple":
      return 2 * count > base; // strictly more than half: a tie fails
    case "twoThirds":
      return 3 * count >= 2 * base;
    case "unanimity":
      return count === base;
  }
}

/**
 * Quorum: voted / entitled >= num / den. A positive quorum is never met with no vote at all,
 * even when nobody is entitled (0 of 0 is not a share of anyone).
 */
export function quorumMet(quorum: Quorum, voted: number, entitled: number): boolean {
  if (quorum.num > 0 && voted === 0) return false;
  return voted * quorum.den >= quorum.num * entitled;
}

export function tally(input: TallyInput): Tally {
  const { options, entitled, voted, quorum, majority } = input;
  const ids = optionIdsOf(options);
  for (const key of Object.keys(input.counts)) invariant(ids.includes(key), `unknown option ${key}`);
  const counts: Record<OptionId, number> = Object.fromEntries(ids.map((id) => [id, input.counts[id] ?? 0]));

  invariant(Object.values(counts).every(isCount), "counts must be non-negative integers");
  invariant(isCount(entitled) && isCount(voted), "entitled and voted must be non-negative integers");
  const votesCast = Object.values(counts).reduce((a, b) => a + b, 0);
  invariant(votesCast === voted, `counts add up to ${votesCast} but ${voted} voted`);
  invariant(voted <= entitled, `${voted} voted but only ${entitled} were entitled`);

  const abstentions = counts[ABSTAIN];
  const base = votesCast - abstentions; // abstentions take part in the quorum, not the majority
  const met = quorumMet(quorum, voted, entitled);
  const winner = met
    ? (sideOptionIdsOf(options).find((id) => carries(majority, counts[id], base)) ?? null)
    : null;
  // A yes/no proposal is adopted only when "yes" carries; "no" carrying is a rejection.
  const adopted = winner !== null && (options.kind === "choices" || winner === YES);

  return {
    counts,
    votesCast,
    abstentions,
    entitled,
    turnout: { num: voted, den: entitled },
    quorumMet: met,
    outcome: !met ? "noQuorum" : adopted ? "adopted" : "rejected",
    winningOptionId: adopted ? winner : null,
  };
}

/**
 * Tally a vote book at closing. `entitledIds` are the members entitled to vote now; anyone who
 * voted was entitled when they did, so they are counted too (someone who voted and then left or
 * became an observer still has a ballot in the box, and turnout never exceeds 100%).
 */
export function tallyVoteBook(
  book: VoteBook,
  rules: { options: ProposalOptions; quorum: Quorum; majority: MajorityRule },
  entitledIds: readonly string[],
): Tally {
  const voters = votersOf(book);
  const entitled = new Set([...entitledIds, ...voters]).size;
  return tally({ ...rules, counts: countsOf(book), entitled, voted: voters.length });
}
