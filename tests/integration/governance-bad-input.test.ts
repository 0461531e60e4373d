import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, codeOf, type TestApp } from "../helpers/app";
import { clientError } from "../helpers/client-error";
import { advanceTo, governanceMeeting, type GovernanceMeeting } from "../helpers/governance";

// Each bad command gets its clear error, and writes nothing: not a row, not an audit event.

let app: TestApp;
let m: GovernanceMeeting;

beforeEach(async () => {
  app = await createTestApp();
  m = await governanceMeeting(app);
});
afterEach(() => app.close());

/** Every governance table, the meeting row and the log, for "nothing was written". */
async function everything() {
  const db = app.deps.db;
  return {
    meeting: await db.meeting.findUniqueOrThrow({ where: { id: m.meetingId } }),
    events: await db.auditEvent.count(),
    ideas: await db.idea.findMany({ orderBy: { seq: "asc" } }),
    revisions: await db.ideaRevision.findMany({ orderBy: [{ ideaId: "asc" }, { number: "asc" }] }),
    comments: await db.comment.count(),
    proposals: await db.proposal.findMany({ orderBy: { seq: "asc" } }),
    openVotes: await db.openVote.findMany({ orderBy: { userId: "asc" } }),
    voters: await db.secretBallotVoter.findMany({ orderBy: { userId: "asc" } }),
    sealed: await db.sealedBallot.findMany({ orderBy: [{ proposalId: "asc" }, { id: "asc" }] }),
    decisions: await db.decision.count(),
    feedback: await db.feedback.findMany({ orderBy: { userId: "asc" } }),
  };
}

/** Runs the command, expects the error, and checks that the database did not change. */
async function refused(
  promise: () => Promise<unknown>,
  expected: { code: string; message?: string | RegExp },
) {
  const before = await everything();
  const error = await clientError(promise());
  expect(error.code).toBe(expected.code);
  if (typeof expected.message === "string") expect(error.message).toBe(expected.message);
  else if (expected.message) expect(error.message).toMatch(expected.message);
  expect(await everything()).toEqual(before);
}

async function openVote(secrecy: "open" | "secret" = "open") {
  await advanceTo(app, m.fac, m.meetingId, "DECISION");
  const { proposalId } = await app.as(m.fac).decisions.open({
    meetingId: m.meetingId,
    title: "Go",
    options: { kind: "yesNoAbstain" },
    secrecy,
    quorumPercent: 0,
    majority: "simple",
  });
  return proposalId;
}

describe("governance: bad input gets a clear error and writes nothing", () => {
  it("an empty idea", async () => {
    const { meetingId, bob } = m;
    await refused(() => app.as(bob).ideas.post({ meetingId, text: "   " }), {
      code: "BAD_REQUEST",
      message: "The text is required.",
    });
    await refused(() => app.as(bob).ideas.post({ meetingId, text: "x".repeat(501) }), {
      code: "BAD_REQUEST",
      message: "The text is at most 500 characters.",
    });
  });

  it("a rating of 6 (or 0, or 2.5), and a second rating", async () => {
    const { meetingId, bob } = m;
    await advanceTo(app, m.fac, meetingId, "FEEDBACK");
    const ratings: [number, string][] = [
      [6, "The rating is at most 5."],
      [0, "The rating is at least 1."],
      [2.5, "The rating is a whole number."],
    ];
    for (const [rating, message] of ratings) {
      await refused(() => app.as(bob).feedback.give({ meetingId, rating }), { code: "BAD_REQUEST", message });
    }
    await app.as(bob).feedback.give({ meetingId, rating: 5 });
    await refused(() => app.as(bob).feedback.give({ meetingId, rating: 4 }), {
      code: "CONFLICT",
      message: "You have already rated this meeting.",
    });
  });

  it("voting as an observer", async () => {
    const proposalId = await openVote();
    await refused(
      () => app.as(m.obs).decisions.vote({ meetingId: m.meetingId, proposalId, optionId: "yes" }),
      {
        code: "FORBIDDEN",
        message: "Your role does not allow you to vote.",
      },
    );
  });

  it("voting (again) on a closed proposal", async () => {
    const { meetingId, bob, fac } = m;
    const proposalId = await openVote();
    await app.as(bob).decisions.vote({ meetingId, proposalId, optionId: "yes" });
    await app.as(fac).decisions.close({ meetingId, proposalId });
    for (const optionId of ["yes", "no"]) {
      await refused(() => app.as(bob).decisions.vote({ meetingId, proposalId, optionId }), {
        code: "PRECONDITION_FAILED",
        message: "Voting on this proposal is closed.",
      });
    }
    await refused(() => app.as(fac).decisions.close({ meetingId, proposalId }), {
      code: "PRECONDITION_FAILED",
      message: "This proposal is already closed.",
    });
  });

  it("changing a secret vote, an unknown option, an unknown proposal", async () => {
    const { meetingId, bob } = m;
    const proposalId = await openVote("secret");
    await app.as(bob).decisions.vote({ meetingId, proposalId, optionId: "no" });
    await refused(() => app.as(bob).decisions.vote({ meetingId, proposalId, optionId: "yes" }), {
      code: "CONFLICT",
      message: "You have already voted; a secret vote cannot be changed.",
    });
    await refused(() => app.as(m.cy).decisions.vote({ meetingId, proposalId, optionId: "maybe" }), {
      code: "BAD_REQUEST",
      message: "This choice is not one of the proposal's choices.",
    });
    await refused(
      () => app.as(m.cy).decisions.vote({ meetingId, proposalId: "prop_nope", optionId: "yes" }),
      {
        code: "NOT_FOUND",
      },
    );
  });

  it("advancing from Closed, skipping a phase, stepping back without a reason", async () => {
    const { meetingId, fac } = m;
    await refused(() => app.as(fac).phases.change({ meetingId, to: "DECISION" }), {
      code: "PRECONDITION_FAILED",
      message: "Phases move one step at a time: from Ideation the next phase is Clarification, not Decision.",
    });
    await app.as(fac).phases.change({ meetingId, to: "CLARIFICATION" });
    await refused(() => app.as(fac).phases.change({ meetingId, to: "IDEATION", reason: "  " }), {
      code: "BAD_REQUEST",
      message: "Give a reason to go back to the previous phase.",
    });
    await advanceTo(app, fac, meetingId, "CLOSED");
    for (const to of ["FEEDBACK", "CLOSED", "IDEATION"] as const) {
      await refused(() => app.as(fac).phases.change({ meetingId, to, reason: "again" }), {
        code: "PRECONDITION_FAILED",
        message: "The meeting is closed: it is read-only, so you cannot change the phase.",
      });
    }
  });

  it("a proposal with bad options or an idea from elsewhere", async () => {
    const { meetingId, fac } = m;
    await advanceTo(app, fac, meetingId, "DECISION");
    const base = {
      meetingId,
      title: "Where",
      secrecy: "open" as const,
      quorumPercent: 50,
      majority: "simple" as const,
    };
    await refused(
      () => app.as(fac).decisions.open({ ...base, options: { kind: "choices", labels: ["Paris", "paris"] } }),
      {
        code: "BAD_REQUEST",
        message: "The choices must be distinct.",
      },
    );
    await refused(
      () => app.as(fac).decisions.open({ ...base, options: { kind: "choices", labels: ["Solo"] } }),
      {
        code: "BAD_REQUEST",
        message: "The choices: give at least 2.",
      },
    );
    await refused(
      () => app.as(fac).decisions.open({ ...base, quorumPercent: 101, options: { kind: "yesNoAbstain" } }),
      {
        code: "BAD_REQUEST",
        message: "The quorum is at most 100.",
      },
    );
    await refused(
      () =>
        app
          .as(fac)
          .decisions.open({ ...base, linkedIdeaIds: ["idea_elsewhere"], options: { kind: "yesNoAbstain" } }),
      { code: "BAD_REQUEST", message: "A linked idea is not an idea of this meeting." },
    );
  });
});

describe("state and its audit event are written in one transaction", () => {
  it("a revision whose audit row cannot be written leaves neither the new text nor its revision", async () => {
    const { meetingId, bob, fac } = m;
    const { ideaId } = await app.as(bob).ideas.post({ meetingId, text: "Original" });
    await app.as(fac).phases.change({ meetingId, to: "CLARIFICATION" });
    // Occupy the log's next sequence number: the state is written first, then the audit insert
    // fails, and the whole command must roll back.
    const { lastSeq } = await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    await app.deps.db.auditEvent.create({
      data: {
        meetingId,
        seq: lastSeq + 1,
        type: "ghost",
        payload: "{}",
        at: new Date(),
        prevHash: "-",
        hash: "-",
      },
    });
    const before = await everything();
    expect(await codeOf(app.as(bob).ideas.revise({ meetingId, ideaId, text: "Changed" }))).not.toBe("OK");
    expect(await everything()).toEqual(before);
    expect(before.ideas.map((i) => i.text)).toEqual(["Original"]);
    expect(before.revisions).toHaveLength(1);
  });

  it("a secret vote whose choices cannot be re-sealed leaves no voter row and no event", async () => {
    const proposalId = await openVote("secret");
    await app.as(m.cy).decisions.vote({ meetingId: m.meetingId, proposalId, optionId: "no" });
    // A stored choice that no longer opens (altered): the next vote cannot rewrite the ballot.
    const [stored] = await app.deps.db.sealedBallot.findMany({ where: { proposalId } });
    await app.deps.db.sealedBallot.update({
      where: { proposalId_id: { proposalId, id: stored.id } },
      data: { sealed: stored.sealed.replace(/\.[^.]+$/, ".AAAAAAAAAAAAAAAAAAAAAA") },
    });
    const before = await everything();
    expect(
      await codeOf(app.as(m.bob).decisions.vote({ meetingId: m.meetingId, proposalId, optionId: "yes" })),
    ).toBe("INTERNAL_SERVER_ERROR");
    expect(await everything()).toEqual(before);
  });

  it("every governance change appends exactly its events", async () => {
    const { meetingId, bob, fac } = m;
    const count = () => app.deps.db.auditEvent.count({ where: { meetingId } });
    const step = async (run: () => Promise<unknown>, types: string[]) => {
      const n = await count();
      await run();
      const rows = await app.deps.db.auditEvent.findMany({
        where: { meetingId, seq: { gt: n } },
        orderBy: { seq: "asc" },
      });
      expect(rows.map((r) => r.type)).toEqual(types);
    };
    let ideaId = "";
    await step(
      async () => ({ ideaId } = await app.as(bob).ideas.post({ meetingId, text: "A" })),
      ["idea.posted"],
    );
    await step(() => app.as(fac).phases.change({ meetingId, to: "CLARIFICATION" }), ["phase.changed"]);
    await step(
      () => app.as(bob).ideas.comment({ meetingId, ideaId, kind: "comment", text: "B" }),
      ["comment.posted"],
    );
    await step(() => app.as(bob).ideas.revise({ meetingId, ideaId, text: "A2" }), ["idea.revised"]);
    await step(() => app.as(fac).phases.change({ meetingId, to: "DECISION" }), ["phase.changed"]);
    const proposalId = await openVote("secret");
    await step(() => app.as(bob).decisions.vote({ meetingId, proposalId, optionId: "yes" }), ["vote.cast"]);
    await step(() => app.as(fac).decisions.close({ meetingId, proposalId }), ["proposal.closed"]);
    await step(() => app.as(fac).phases.change({ meetingId, to: "FEEDBACK" }), ["phase.changed"]);
    await step(() => app.as(bob).feedback.give({ meetingId, rating: 3 }), ["feedback.given"]);
    await app.as(bob).tokens.request({ meetingId });
    await step(
      () => app.as(fac).phases.change({ meetingId, to: "CLOSED" }),
      ["token.released", "phase.changed"],
    );
  });
});
