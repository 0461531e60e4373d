import { describe, expect, it } from "vitest";
import {
  ABSTAIN,
  NO,
  YES,
  choicesFromLabels,
  draftProposal,
  quorumFromPercent,
  type MajorityRule,
  type ProposalOptions,
  type Quorum,
} from "@/core/decisions/ballot";
import { carries, quorumMet, tally, tallyVoteBook } from "@/core/decisions/tally";
import {
  applyOpenVote,
  castVote,
  choiceOf,
  closeVoteBook,
  countsOf,
  emptyVoteBook,
  hasVoted,
  votersOf,
  type OpenVoteBook,
  type VoteBook,
} from "@/core/decisions/votes";
import { code } from "../../helpers/domain-error";

const YNA: ProposalOptions = { kind: "yesNoAbstain" };
const none: Quorum = { num: 0, den: 1 };
const half: Quorum = { num: 1, den: 2 };
const twoThirds: Quorum = { num: 2, den: 3 };

/** Tally a yes/no proposal from (yes, no, abstain) with `entitled` voters. */
function yn(yes: number, no: number, abstain: number, majority: MajorityRule, entitled = 100, quorum = none) {
  return tally({
    options: YNA,
    counts: { yes, no, abstain },
    entitled,
    voted: yes + no + abstain,
    quorum,
    majority,
  });
}

function cast(book: VoteBook, votes: ReadonlyArray<[string, string]>): VoteBook {
  return votes.reduce((b, [voter, option]) => castVote(b, voter, option).book, book);
}

describe("quorum", () => {
  it("is met exactly at the boundary, not one vote below", () => {
    // 1/2 of 10 = 5
    expect(yn(3, 1, 1, "simple", 10, half).quorumMet).toBe(true);
    expect(yn(3, 1, 0, "simple", 10, half)).toMatchObject({
      quorumMet: false,
      outcome: "noQuorum",
      winningOptionId: null,
    });
    // 2/3 of 9 = 6, of 10 = 6.67 -> 7: exact, no 0.6666… rounding
    expect(quorumMet(twoThirds, 6, 9)).toBe(true);
    expect(quorumMet(twoThirds, 5, 9)).toBe(false);
    expect(quorumMet(twoThirds, 7, 10)).toBe(true);
    expect(quorumMet(twoThirds, 6, 10)).toBe(false);
    // percentages
    expect(quorumMet(quorumFromPercent(30), 3, 10)).toBe(true);
    expect(quorumMet(quorumFromPercent(30), 2, 10)).toBe(false);
    expect(quorumMet(quorumFromPercent(100), 10, 10)).toBe(true);
    expect(quorumMet(quorumFromPercent(100), 9, 10)).toBe(false);
  });

  it("counts abstentions as having voted", () => {
    // 2 yes + 3 abstain = 5 of 10 voted: quorum 1/2 met, and yes carries (no "no")
    expect(yn(2, 0, 3, "simple", 10, half)).toMatchObject({
      quorumMet: true,
      outcome: "adopted",
      abstentions: 3,
      votesCast: 5,
    });
  });

  it("is never met by zero votes unless the quorum is zero", () => {
    expect(quorumMet(half, 0, 0)).toBe(false);
    expect(quorumMet(none, 0, 0)).toBe(true);
    expect(yn(0, 0, 0, "simple", 0, none)).toMatchObject({ outcome: "rejected", winningOptionId: null });
    expect(yn(0, 0, 0, "simple", 5, half).outcome).toBe("noQuorum");
  });

  it("reports turnout exactly", () => {
    expect(yn(1, 1, 1, "simple", 9).turnout).toEqual({ num: 3, den: 9 });
  });

  it("refuses invalid quorum input", () => {
    expect(code(() => quorumFromPercent(101))).toBe("BAD_REQUEST");
    expect(code(() => quorumFromPercent(12.5))).toBe("BAD_REQUEST");
    expect(code(() => quorumFromPercent(-1))).toBe("BAD_REQUEST");
  });
});

describe("majority rules on yes/no/abstain", () => {
  it("simple: more yes than no; a tie is rejected", () => {
    expect(yn(3, 2, 0, "simple")).toMatchObject({ outcome: "adopted", winningOptionId: YES });
    expect(yn(2, 2, 0, "simple")).toMatchObject({ outcome: "rejected", winningOptionId: null });
    expect(yn(2, 3, 0, "simple")).toMatchObject({ outcome: "rejected", winningOptionId: null });
  });

  it("simple: abstentions are not in the majority base", () => {
    // 2 yes, 1 no, 10 abstain: yes is a majority of those who took a side
    expect(yn(2, 1, 10, "simple").outcome).toBe("adopted");
    // only abstentions: nobody said yes
    expect(yn(0, 0, 5, "simple").outcome).toBe("rejected");
  });

  it("two-thirds: yes >= 2/3 of yes+no, exactly", () => {
    expect(yn(2, 1, 0, "twoThirds").outcome).toBe("adopted"); // exactly 2/3
    expect(yn(4, 2, 7, "twoThirds").outcome).toBe("adopted"); // exactly 2/3, abstentions ignored
    expect(yn(3, 2, 0, "twoThirds").outcome).toBe("rejected"); // 60%
    expect(yn(66, 34, 0, "twoThirds").outcome).toBe("rejected"); // 66% < 66.67%
    expect(yn(67, 33, 0, "twoThirds").outcome).toBe("adopted");
    expect(yn(1, 1, 0, "twoThirds").outcome).toBe("rejected"); // tie
    expect(yn(0, 0, 3, "twoThirds").outcome).toBe("rejected"); // 0 >= 0 must not adopt
  });

  it("unanimity: no 'no' at all and at least one yes", () => {
    expect(yn(5, 0, 0, "unanimity").outcome).toBe("adopted");
    expect(yn(5, 0, 4, "unanimity").outcome).toBe("adopted"); // abstaining does not block
    expect(yn(99, 1, 0, "unanimity").outcome).toBe("rejected");
    expect(yn(0, 0, 4, "unanimity").outcome).toBe("rejected");
  });

  it("never lets a majority of 'no' adopt anything", () => {
    for (const rule of ["simple", "twoThirds", "unanimity"] as const) {
      expect(yn(0, 5, 0, rule)).toMatchObject({ outcome: "rejected", winningOptionId: null });
    }
  });

  it("fills in missing counts with zeros", () => {
    const t = tally({
      options: YNA,
      counts: { yes: 1 },
      entitled: 3,
      voted: 1,
      quorum: none,
      majority: "simple",
    });
    expect(t.counts).toEqual({ yes: 1, no: 0, abstain: 0 });
    expect(t.outcome).toBe("adopted");
  });

  it("fails loudly on inconsistent input (a caller bug)", () => {
    const base = { options: YNA, entitled: 3, quorum: none, majority: "simple" as const };
    expect(() => tally({ ...base, counts: { yes: 2 }, voted: 1 })).toThrow(/add up/);
    expect(() => tally({ ...base, counts: { yes: 4 }, voted: 4 })).toThrow(/entitled/);
    expect(() => tally({ ...base, counts: { maybe: 1 }, voted: 1 })).toThrow(/unknown option/);
    expect(() => tally({ ...base, counts: { yes: -1, no: 2 }, voted: 1 })).toThrow(/non-negative/);
  });
});

describe("choices proposals", () => {
  const options = choicesFromLabels(["Paris", "Lyon", "Lille"]);
  const [paris, lyon, lille] = ["choice-1", "choice-2", "choice-3"];
  const ch = (counts: Record<string, number>, majority: MajorityRule) =>
    tally({
      options,
      counts,
      entitled: 50,
      voted: Object.values(counts).reduce((a, b) => a + b, 0),
      quorum: none,
      majority,
    });

  it("builds distinct, labelled choices with positional ids plus abstention", () => {
    expect(options).toEqual({
      kind: "choices",
      choices: [
        { id: paris, label: "Paris" },
        { id: lyon, label: "Lyon" },
        { id: lille, label: "Lille" },
      ],
    });
    expect(emptyVoteBook("p", options, "open").optionIds).toEqual([paris, lyon, lille, ABSTAIN]);
  });

  it("refuses too few, too many, blank or duplicate choices", () => {
    expect(code(() => choicesFromLabels(["Only one"]))).toBe("BAD_REQUEST");
    expect(code(() => choicesFromLabels(Array.from({ length: 11 }, (_, i) => `c${i}`)))).toBe("BAD_REQUEST");
    expect(code(() => choicesFromLabels(Array.from({ length: 10 }, (_, i) => `c${i}`)))).toBe("OK");
    expect(code(() => choicesFromLabels(["A", "  "]))).toBe("BAD_REQUEST");
    expect(code(() => choicesFromLabels(["Paris", " paris "]))).toBe("BAD_REQUEST");
  });

  it("simple: the winner needs strictly more than half of the non-abstaining votes", () => {
    expect(ch({ [paris]: 3, [lyon]: 1, [lille]: 1 }, "simple")).toMatchObject({
      outcome: "adopted",
      winningOptionId: paris,
    });
    // plurality is not majority: 2 of 5
    expect(ch({ [paris]: 2, [lyon]: 2, [lille]: 1 }, "simple")).toMatchObject({
      outcome: "rejected",
      winningOptionId: null,
    });
    // exactly half is not more than half
    expect(ch({ [paris]: 2, [lyon]: 1, [lille]: 1 }, "simple").outcome).toBe("rejected");
    // abstentions are not in the base
    expect(ch({ [paris]: 2, [lyon]: 1, [ABSTAIN]: 9 }, "simple")).toMatchObject({
      outcome: "adopted",
      winningOptionId: paris,
    });
  });

  it("a tie is never adopted", () => {
    for (const rule of ["simple", "twoThirds", "unanimity"] as const) {
      expect(ch({ [paris]: 3, [lyon]: 3 }, rule).outcome).toBe("rejected");
    }
  });

  it("two-thirds and unanimity", () => {
    expect(ch({ [paris]: 4, [lyon]: 2 }, "twoThirds")).toMatchObject({
      outcome: "adopted",
      winningOptionId: paris,
    });
    expect(ch({ [paris]: 4, [lyon]: 1, [lille]: 2 }, "twoThirds").outcome).toBe("rejected");
    expect(ch({ [lille]: 4, [ABSTAIN]: 3 }, "unanimity")).toMatchObject({
      outcome: "adopted",
      winningOptionId: lille,
    });
    expect(ch({ [lille]: 4, [lyon]: 1 }, "unanimity").outcome).toBe("rejected");
    expect(ch({ [ABSTAIN]: 3 }, "unanimity").outcome).toBe("rejected");
  });

  it("at most one option can ever carry a rule", () => {
    for (const rule of ["simple", "twoThirds", "unanimity"] as const) {
      for (let a = 0; a <= 6; a++) {
        for (let b = 0; b <= 6; b++) {
          expect(carries(rule, a, a + b) && carries(rule, b, a + b), `${rule} ${a}:${b}`).toBe(false);
        }
      }
    }
  });
});

describe("open ballot vote book", () => {
  const fresh = () => emptyVoteBook("prop-1", YNA, "open");

  it("keeps the latest choice per voter: a changed vote moves, it does not add", () => {
    let book = cast(fresh(), [
      ["ana", YES],
      ["bob", NO],
      ["cy", NO],
    ]);
    const changed = castVote(book, "cy", YES);
    expect(changed.event).toEqual({
      type: "vote.cast",
      proposalId: "prop-1",
      userId: "cy",
      secrecy: "open",
      optionId: YES,
      previousOptionId: NO,
    });
    book = changed.book;
    expect(countsOf(book)).toEqual({ yes: 2, no: 1, abstain: 0 });
    expect(choiceOf(book, "cy")).toBe(YES);
    expect(votersOf(book)).toHaveLength(3);
    expect(
      tallyVoteBook(book, { options: YNA, quorum: half, majority: "simple" }, ["ana", "bob", "cy", "dee"]),
    ).toMatchObject({
      votesCast: 3,
      entitled: 4,
      outcome: "adopted",
    });
  });

  it("changing back and forth ends with the last choice only", () => {
    const book = cast(fresh(), [
      ["ana", YES],
      ["ana", NO],
      ["ana", ABSTAIN],
      ["ana", YES],
    ]);
    expect(countsOf(book)).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  it("records a first vote with no previous choice, and refuses the same choice twice", () => {
    expect(castVote(fresh(), "ana", YES).event).toMatchObject({ previousOptionId: null });
    const book = cast(fresh(), [["ana", YES]]);
    expect(code(() => castVote(book, "ana", YES))).toBe("CONFLICT");
  });

  it("rebuilds the same book from its events", () => {
    let book = fresh() as OpenVoteBook;
    let replayed = fresh() as OpenVoteBook;
    for (const [voter, option] of [
      ["ana", YES],
      ["bob", NO],
      ["ana", ABSTAIN],
    ] as const) {
      const r = castVote(book, voter, option);
      book = r.book as OpenVoteBook;
      if (r.event.secrecy === "open") replayed = applyOpenVote(replayed, r.event);
    }
    expect(countsOf(replayed)).toEqual(countsOf(book));
  });

  it("refuses an unknown option and any vote once closed", () => {
    expect(code(() => castVote(fresh(), "ana", "maybe"))).toBe("BAD_REQUEST");
    expect(code(() => castVote(fresh(), "ana", "choice-1"))).toBe("BAD_REQUEST");
    const closed = closeVoteBook(cast(fresh(), [["ana", YES]]));
    expect(code(() => castVote(closed, "ana", NO))).toBe("PRECONDITION_FAILED");
    expect(code(() => castVote(closed, "bob", YES))).toBe("PRECONDITION_FAILED");
    // closed beats a bad option: the proposal state is the first thing reported
    expect(code(() => castVote(closed, "bob", "maybe"))).toBe("PRECONDITION_FAILED");
    expect(code(() => closeVoteBook(closed))).toBe("PRECONDITION_FAILED");
  });

  it("counts someone who voted and then lost their entitlement", () => {
    const book = cast(fresh(), [
      ["ana", YES],
      ["bob", YES],
    ]);
    // bob became an observer before closing: still 2 of 3 entitled, never 2 of 2 "over" 1
    const t = tallyVoteBook(book, { options: YNA, quorum: twoThirds, majority: "simple" }, ["ana", "cy"]);
    expect(t).toMatchObject({ entitled: 3, votesCast: 2, turnout: { num: 2, den: 3 }, quorumMet: true });
  });
});

describe("secret ballot vote book", () => {
  const fresh = () => emptyVoteBook("prop-2", YNA, "secret");

  it("cannot change a vote: a second vote is a conflict, and nothing moves", () => {
    const book = cast(fresh(), [["ana", NO]]);
    expect(code(() => castVote(book, "ana", YES))).toBe("CONFLICT");
    expect(code(() => castVote(book, "ana", NO))).toBe("CONFLICT");
    expect(() => castVote(book, "ana", YES)).toThrow(/^SECRET_VOTE_FINAL$/);
    expect(countsOf(book)).toEqual({ yes: 0, no: 1, abstain: 0 });
  });

  it("refuses unknown options and closed proposals like an open ballot", () => {
    expect(code(() => castVote(fresh(), "ana", "maybe"))).toBe("BAD_REQUEST");
    expect(code(() => castVote(closeVoteBook(fresh()), "ana", YES))).toBe("PRECONDITION_FAILED");
  });

  it("stores no link between a voter and a choice, neither in the book nor in the event", () => {
    let book = fresh();
    const voters = ["zoe", "ana", "max", "bob"];
    const choices = [YES, NO, YES, ABSTAIN];
    const events = [];
    for (let i = 0; i < voters.length; i++) {
      const r = castVote(book, voters[i], choices[i]);
      book = r.book;
      events.push(r.event);
    }
    // the event says who voted, never what
    for (const e of events) {
      expect(Object.keys(e).sort()).toEqual(["proposalId", "secrecy", "type", "userId"]);
      expect(JSON.stringify(e)).not.toMatch(/"(yes|no|abstain)"/);
    }
    // the book holds a sorted voter list and anonymous counts, and nothing else
    expect(book).toEqual({
      proposalId: "prop-2",
      optionIds: [YES, NO, ABSTAIN],
      closed: false,
      secrecy: "secret",
      voters: ["ana", "bob", "max", "zoe"],
      counts: { yes: 2, no: 1, abstain: 1 },
    });
    // no string in the serialized book puts a voter next to an option
    const json = JSON.stringify(book);
    for (const v of voters) expect(json).not.toMatch(new RegExp(`${v}"\\s*:|:\\s*"${v}`));
    expect(hasVoted(book, "max")).toBe(true);
    expect(choiceOf(book, "max")).toBeNull();
  });

  it("tallies like an open ballot", () => {
    const book = cast(fresh(), [
      ["ana", YES],
      ["bob", YES],
      ["cy", NO],
    ]);
    const rules = { options: YNA, quorum: quorumFromPercent(75), majority: "twoThirds" as const };
    expect(tallyVoteBook(book, rules, ["ana", "bob", "cy", "dee"])).toMatchObject({
      counts: { yes: 2, no: 1, abstain: 0 },
      quorumMet: true,
      outcome: "adopted",
      winningOptionId: YES,
    });
    expect(tallyVoteBook(book, rules, ["ana", "bob", "cy", "dee", "eve"]).outcome).toBe("noQuorum");
  });
});

describe("drafting a proposal", () => {
  const base = {
    title: "  Move the office  ",
    text: " Where? ",
    options: { kind: "choices" as const, labels: [" Paris", "Lyon "] },
    secrecy: "secret" as const,
    quorum: half,
    majority: "simple" as const,
    linkedIdeaIds: ["i1", "i2", "i1"],
  };

  it("normalises a valid draft", () => {
    expect(draftProposal(base)).toEqual({
      title: "Move the office",
      text: "Where?",
      options: {
        kind: "choices",
        choices: [
          { id: "choice-1", label: "Paris" },
          { id: "choice-2", label: "Lyon" },
        ],
      },
      secrecy: "secret",
      quorum: half,
      majority: "simple",
      linkedIdeaIds: ["i1", "i2"],
    });
    expect(draftProposal({ ...base, options: YNA }).options).toEqual(YNA);
  });

  it("refuses bad input with BAD_REQUEST", () => {
    expect(code(() => draftProposal({ ...base, title: "   " }))).toBe("BAD_REQUEST");
    expect(code(() => draftProposal({ ...base, title: "t".repeat(201) }))).toBe("BAD_REQUEST");
    expect(code(() => draftProposal({ ...base, quorum: { num: 3, den: 2 } }))).toBe("BAD_REQUEST");
    expect(code(() => draftProposal({ ...base, quorum: { num: 1, den: 0 } }))).toBe("BAD_REQUEST");
    expect(code(() => draftProposal({ ...base, quorum: { num: 0.5, den: 1 } }))).toBe("BAD_REQUEST");
    expect(code(() => draftProposal({ ...base, majority: "plurality" as MajorityRule }))).toBe("BAD_REQUEST");
    expect(code(() => draftProposal({ ...base, options: { kind: "choices", labels: ["A", "a"] } }))).toBe(
      "BAD_REQUEST",
    );
  });
});
