import { refuse } from "../errors";

// What a proposal asks and how its vote is decided. Ratios are kept as integer fractions so
// every comparison is exact (2/3 has no exact binary floating-point form).

export type OptionId = string;

export const YES: OptionId = "yes";
export const NO: OptionId = "no";
/** Every proposal can be abstained on; abstaining counts as voting but takes no side. */
export const ABSTAIN: OptionId = "abstain";

export const CHOICES_MIN = 2;
export const CHOICES_MAX = 10;
export const CHOICE_LABEL_MAX = 200;
export const PROPOSAL_TITLE_MAX = 200;
export const PROPOSAL_TEXT_MAX = 5000;

interface Choice {
  id: OptionId;
  label: string;
}

export type ProposalOptions = { kind: "yesNoAbstain" } | { kind: "choices"; choices: readonly Choice[] };

export type BallotSecrecy = "open" | "secret";
export const BALLOT_SECRECIES = ["open", "secret"] as const satisfies readonly BallotSecrecy[];

export type MajorityRule = "simple" | "twoThirds" | "unanimity";
export const MAJORITY_RULES = ["simple", "twoThirds", "unanimity"] as const satisfies readonly MajorityRule[];

/** An exact ratio num/den of integers, 0 <= num <= den, den >= 1. */
export interface Fraction {
  num: number;
  den: number;
}

/** Minimum share of entitled voters who must have voted (abstentions included). */
export type Quorum = Fraction;

interface BallotRules {
  options: ProposalOptions;
  secrecy: BallotSecrecy;
  quorum: Quorum;
  majority: MajorityRule;
}

export interface ProposalDraft extends BallotRules {
  title: string;
  text: string;
  linkedIdeaIds: readonly string[];
}

/** Ids are positional ("choice-1"...) so they never collide with a label or with ABSTAIN. */
export function choicesFromLabels(labels: readonly string[]): ProposalOptions {
  const trimmed = labels.map((l) => l.trim());
  if (trimmed.length < CHOICES_MIN || trimmed.length > CHOICES_MAX) {
    throw refuse("CHOICES_COUNT", { min: CHOICES_MIN, max: CHOICES_MAX });
  }
  if (trimmed.some((l) => l === "")) throw refuse("CHOICE_LABEL_EMPTY");
  if (trimmed.some((l) => l.length > CHOICE_LABEL_MAX)) {
    throw refuse("CHOICE_LABEL_TOO_LONG", { max: CHOICE_LABEL_MAX });
  }
  // Case-insensitive: "Paris" and "paris" would split the vote between two identical choices.
  const seen = new Set(trimmed.map((l) => l.toLocaleLowerCase()));
  if (seen.size !== trimmed.length) throw refuse("CHOICES_DISTINCT");
  return { kind: "choices", choices: trimmed.map((label, i) => ({ id: `choice-${i + 1}`, label })) };
}

/** Every option a voter may pick, abstention last. */
export function optionIdsOf(options: ProposalOptions): OptionId[] {
  return options.kind === "yesNoAbstain"
    ? [YES, NO, ABSTAIN]
    : [...options.choices.map((c) => c.id), ABSTAIN];
}

/** The options that take a side: abstention excluded. */
export function sideOptionIdsOf(options: ProposalOptions): OptionId[] {
  return optionIdsOf(options).filter((id) => id !== ABSTAIN);
}

function isFraction(f: Fraction): boolean {
  return (
    Number.isSafeInteger(f.num) && Number.isSafeInteger(f.den) && f.den >= 1 && f.num >= 0 && f.num <= f.den
  );
}

function assertQuorum(q: Quorum): Quorum {
  if (!isFraction(q)) throw refuse("QUORUM_FRACTION");
  return q;
}

/** The common UI input: a whole percentage 0..100. */
export function quorumFromPercent(percent: number): Quorum {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw refuse("QUORUM_PERCENT");
  }
  return { num: percent, den: 100 };
}

/**
 * Validate and normalise a proposal before it is opened: trimmed title and text, a valid option
 * set, quorum and rule, linked ideas deduplicated. Throws BAD_REQUEST on bad input.
 */
export function draftProposal(input: {
  title: string;
  text: string;
  options: ProposalOptions | { kind: "choices"; labels: readonly string[] };
  secrecy: BallotSecrecy;
  quorum: Quorum;
  majority: MajorityRule;
  linkedIdeaIds?: readonly string[];
}): ProposalDraft {
  const title = input.title.trim();
  const text = input.text.trim();
  if (title === "") throw refuse("PROPOSAL_TITLE_EMPTY");
  if (title.length > PROPOSAL_TITLE_MAX) throw refuse("PROPOSAL_TITLE_TOO_LONG", { max: PROPOSAL_TITLE_MAX });
  if (text.length > PROPOSAL_TEXT_MAX) throw refuse("PROPOSAL_TEXT_TOO_LONG", { max: PROPOSAL_TEXT_MAX });
  if (!BALLOT_SECRECIES.includes(input.secrecy)) throw refuse("BALLOT_SECRECY");
  if (!MAJORITY_RULES.includes(input.majority)) throw refuse("MAJORITY_UNKNOWN");

  const options: ProposalOptions =
    input.options.kind === "yesNoAbstain"
      ? { kind: "yesNoAbstain" }
      : choicesFromLabels(
          "labels" in input.options ? input.options.labels : input.options.choices.map((c) => c.label),
        );

  return {
    title,
    text,
    options,
    secrecy: input.secrecy,
    quorum: assertQuorum(input.quorum),
    majority: input.majority,
    linkedIdeaIds: [...new Set(input.linkedIdeaIds ?? [])],
  };
}
