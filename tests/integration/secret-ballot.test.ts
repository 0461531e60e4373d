import { afterEach, describe, expect, it } from "vitest";
import { auditLog } from "../helpers/governance";
import {
  castAs,
  closeBallot,
  dump,
  PEOPLE,
  ballotRuns,
  type BallotRun,
  type Person,
} from "../helpers/secret-ballot";

// A secret ballot must leave no link between a voter and a choice anywhere in the database: not
// in a row, not in the audit log, not in row order or timestamps, not in Postgres' row versions,
// and not in the state between two votes (a copy taken after each vote).
//
// The decisive check: run the same meeting twice, with the same voters voting in the same order
// but choosing differently, and compare EVERY table of both databases (in physical row order,
// with Postgres' xmin/cmin) after every vote and after closing. If the dumps are identical, nothing
// stored without the keyring can tell who chose what (the sealed choices are random to anyone
// without the key: tests/integration/secret-ballot-files.test.ts looks at them and at the files).
// A control run with an open ballot must differ, proving the dump sees votes at all.

const runs = ballotRuns();
afterEach(() => runs.closeAll());

type Assignment = Record<Exclude<Person, "ana">, string> & { ana: string };

// Same multiset {choice-1 x2, choice-2, abstain} at the end; every single vote differs.
const A: Assignment = { bob: "choice-1", cy: "choice-2", ana: "choice-1", dee: "abstain" };
const B: Assignment = { bob: "choice-2", cy: "choice-1", ana: "abstain", dee: "choice-1" };
const VOTING_ORDER: Person[] = ["bob", "cy", "ana", "dee"];

/** Votes in VOTING_ORDER, then closes; the dump after every step. */
async function dumpsAlong(run: BallotRun, votes: Assignment) {
  const dumps = [];
  for (const p of VOTING_ORDER) {
    await castAs(run, p, votes[p]);
    dumps.push(await dump(run));
  }
  await closeBallot(run);
  dumps.push(await dump(run));
  return dumps;
}

describe("secret ballot", () => {
  it("stores nothing that tells two different choices apart, after any vote or the closing", async () => {
    const a = await runs.start("secret");
    const b = await runs.start("secret");
    const [da, db] = [await dumpsAlong(a, A), await dumpsAlong(b, B)];
    expect(da).toHaveLength(VOTING_ORDER.length + 1);
    for (const [i, state] of da.entries()) {
      const step = i < VOTING_ORDER.length ? `after vote ${i + 1}` : "after closing";
      expect(Object.keys(state), step).toContain("SealedBallot");
      expect(state.SealedBallot, step).toHaveLength(i < VOTING_ORDER.length ? i + 1 : 0);
      expect(db[i], step).toEqual(state);
    }
  });

  it("control: the same comparison tells open ballots apart after the first vote", async () => {
    const a = await runs.start("open");
    const b = await runs.start("open");
    await castAs(a, "bob", A.bob);
    await castAs(b, "bob", B.bob);
    expect(await dump(b)).not.toEqual(await dump(a));
  });

  it("records that someone voted, never what, in the log and the decision; the tally is right", async () => {
    const run = await runs.start("secret");
    for (const p of VOTING_ORDER) await castAs(run, p, A[p]);
    expect(await closeBallot(run)).toEqual({ outcome: "adopted" });
    const log = await auditLog(run.app, run.meetingId);
    const votes = log.filter((e) => e.type === "vote.cast");
    expect(votes).toHaveLength(4);
    for (const v of votes) {
      expect(Object.keys(v).sort()).toEqual(["actorId", "proposalId", "secrecy", "seq", "type", "userId"]);
      expect(v.secrecy).toBe("secret");
    }
    const closed = log.find((e) => e.type === "proposal.closed");
    expect(closed.ballots).toBeNull();
    expect(closed.voterIds).toEqual(PEOPLE.map((p) => `user_${p}`).sort());
    // Paris has 2 of the 3 votes that take a side (the abstention takes none): a simple majority.
    expect(closed.tally).toMatchObject({
      counts: { "choice-1": 2, "choice-2": 1, "choice-3": 0, abstain: 1 },
      votesCast: 4,
      abstentions: 1,
      quorumMet: true,
      outcome: "adopted",
      winningOptionId: "choice-1",
    });
    const decision = await run.app.deps.db.decision.findUniqueOrThrow({
      where: { proposalId: run.proposalId },
    });
    expect(JSON.parse(decision.context).ballots).toBeNull();

    // Who voted stays (a list without choice); the sealed choices are gone once counted.
    const voters = await run.app.deps.db.secretBallotVoter.findMany({
      where: { proposalId: run.proposalId },
    });
    expect(voters.map((v) => Object.keys(v).sort())).toEqual(Array(4).fill(["proposalId", "userId"]));
    expect(await run.app.deps.db.sealedBallot.count()).toBe(0);
    expect(await run.app.deps.db.openVote.count()).toBe(0);
  });

  it("shows no count while the vote is open, and the tally once closed", async () => {
    const run = await runs.start("secret");
    for (const p of VOTING_ORDER) await castAs(run, p, A[p]);
    const view = async (p: Person) => (await run.app.room(run.users[p], run.meetingId)).board.proposals[0];
    expect(await view("bob")).toMatchObject({
      voted: 4,
      counts: null,
      ballots: null,
      myVote: { voted: true, optionId: null },
    });
    await closeBallot(run);
    expect(await view("bob")).toMatchObject({
      counts: { "choice-1": 2, "choice-2": 1, "choice-3": 0, abstain: 1 },
      ballots: null,
      decision: { votesCast: 4, abstentions: 1 },
    });
  });
});
