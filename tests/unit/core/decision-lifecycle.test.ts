import { describe, expect, it } from "vitest";
import { draftProposal, quorumFromPercent } from "@/core/decisions/ballot";
import {
  closeProposal,
  entitledVoterIds,
  openProposal,
  type ProposalState,
} from "@/core/decisions/lifecycle";
import { castVote, emptyVoteBook, type VoteBook } from "@/core/decisions/votes";
import { DomainError } from "@/core/errors";
import { code } from "../../helpers/domain-error";

/** A board hash, as the server passes it in: the decision keeps it as given. */
const BOARD = "b".repeat(64);

const members = [
  { userId: "ana", role: "FACILITATOR" as const, active: true },
  { userId: "bob", role: "PARTICIPANT" as const, active: true },
  { userId: "cy", role: "PARTICIPANT" as const, active: true },
  { userId: "olga", role: "OBSERVER" as const, active: true },
  { userId: "gone", role: "PARTICIPANT" as const, active: false },
];

function proposal(secrecy: "open" | "secret"): ProposalState {
  const draft = draftProposal({
    title: "Offsite",
    text: "Where?",
    options: { kind: "choices", labels: ["Paris", "Lyon"] },
    secrecy,
    quorum: quorumFromPercent(50),
    majority: "simple",
    linkedIdeaIds: ["i1", "i-deleted"],
  });
  const { type: _t, ...opened } = openProposal("p1", draft, new Set(["i1", "i-deleted", "i2"]));
  return { ...opened, closed: false };
}

const vote = (book: VoteBook, votes: [string, string][]) =>
  votes.reduce((b, [v, o]) => castVote(b, v, o).book, book);

describe("a proposal's life", () => {
  it("entitles active members whose role may vote: never observers, never those who left", () => {
    expect(entitledVoterIds(members)).toEqual(["ana", "bob", "cy"]);
  });

  it("opens with its normalised rules", () => {
    const p = proposal("open");
    expect(p).toMatchObject({
      proposalId: "p1",
      title: "Offsite",
      secrecy: "open",
      quorum: { num: 50, den: 100 },
    });
    expect(p.options).toEqual({
      kind: "choices",
      choices: [
        { id: "choice-1", label: "Paris" },
        { id: "choice-2", label: "Lyon" },
      ],
    });
  });

  it("links only ideas of its own meeting", () => {
    const draft = draftProposal({
      title: "Offsite",
      text: "",
      options: { kind: "yesNoAbstain" },
      secrecy: "open",
      quorum: quorumFromPercent(50),
      majority: "simple",
      linkedIdeaIds: ["i1", "i-elsewhere"],
    });
    expect(code(() => openProposal("p2", draft, new Set(["i1", "i2"])))).toBe("BAD_REQUEST");
    expect(openProposal("p2", draft, new Set(["i1", "i-elsewhere"])).linkedIdeaIds).toEqual([
      "i1",
      "i-elsewhere",
    ]);
  });

  it("closes an open ballot with its tally, who chose what, who was entitled and present", () => {
    const p = proposal("open");
    const book = vote(emptyVoteBook("p1", p.options, "open"), [
      ["cy", "choice-2"],
      ["bob", "choice-1"],
      ["ana", "choice-1"],
    ]);
    const e = closeProposal(p, book, {
      members,
      presentIds: ["ana", "olga", "gone", "ana"],
      ideas: new Map([["i1", "Go south"]]),
      boardHash: BOARD,
    });
    expect(e).toMatchObject({
      type: "proposal.closed",
      proposalId: "p1",
      title: "Offsite",
      tally: { outcome: "adopted", winningOptionId: "choice-1", votesCast: 3, entitled: 3 },
      linkedIdeas: [{ ideaId: "i1", text: "Go south" }],
      entitledIds: ["ana", "bob", "cy"],
      presentIds: ["ana", "olga"],
      voterIds: ["ana", "bob", "cy"],
      ballots: [
        { userId: "ana", optionId: "choice-1" },
        { userId: "bob", optionId: "choice-1" },
        { userId: "cy", optionId: "choice-2" },
      ],
      boardHash: BOARD,
    });
  });

  it("closes a secret ballot without any ballot, and counts voters who lost their entitlement", () => {
    const p = proposal("secret");
    const book = vote(emptyVoteBook("p1", p.options, "secret"), [
      ["gone", "choice-2"],
      ["bob", "choice-2"],
    ]);
    const e = closeProposal(p, book, { members, presentIds: [], ideas: new Map(), boardHash: BOARD });
    expect(e.ballots).toBeNull();
    expect(e.voterIds).toEqual(["bob", "gone"]);
    expect(e.entitledIds).toEqual(["ana", "bob", "cy", "gone"]);
    expect(e.tally).toMatchObject({ entitled: 4, votesCast: 2, quorumMet: true, outcome: "adopted" });
    expect(JSON.stringify(e)).not.toMatch(/"(bob|gone)"[^\]]*choice/);
  });

  it("refuses to close twice", () => {
    const p = proposal("open");
    const closed = { ...emptyVoteBook("p1", p.options, "open"), closed: true };
    expect(() =>
      closeProposal(p, closed, { members, presentIds: [], ideas: new Map(), boardHash: BOARD }),
    ).toThrow(DomainError);
  });
});
