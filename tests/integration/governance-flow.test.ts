import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, codeOf, type TestApp } from "../helpers/app";
import { advanceTo, auditLog, governanceMeeting, type GovernanceMeeting } from "../helpers/governance";

let app: TestApp;
let m: GovernanceMeeting;

beforeEach(async () => {
  app = await createTestApp();
  m = await governanceMeeting(app);
});
afterEach(() => app.close());

const board = async (who = m.fac) => (await app.room(who, m.meetingId)).board;

describe("a meeting through its four phases", () => {
  it("ideas, questions, revisions, an open vote, a decision, feedback, closing", async () => {
    const { meetingId, fac, bob, cy, obs } = m;

    // Ideation: speakers post ideas, everyone sees them.
    const { ideaId } = await app.as(bob).ideas.post({ meetingId, text: "  Four-day week  " });
    await app.as(fac).ideas.post({ meetingId, text: "Remote Fridays" });
    expect((await board(obs)).ideas.map((i) => [i.author, i.text])).toEqual([
      ["Bob", "Four-day week"],
      ["Ana", "Remote Fridays"],
    ]);

    // Clarification: a question, revisions by the author and by the facilitator, kept as history.
    await app.as(fac).phases.change({ meetingId, to: "CLARIFICATION" });
    await app.as(cy).ideas.comment({ meetingId, ideaId, kind: "question", text: "For everyone?" });
    await app.as(bob).ideas.revise({ meetingId, ideaId, text: "Four-day week for everyone" });
    await app.as(fac).ideas.revise({ meetingId, ideaId, text: "Four-day week for everyone, from May" });
    expect(await codeOf(app.as(cy).ideas.revise({ meetingId, ideaId, text: "mine now" }))).toBe("FORBIDDEN");
    const idea = (await board(cy)).ideas[0];
    expect(idea.text).toBe("Four-day week for everyone, from May");
    expect(idea.revisions.map((r) => [r.number, r.author, r.text])).toEqual([
      [1, "Bob", "Four-day week"],
      [2, "Bob", "Four-day week for everyone"],
      [3, "Ana", "Four-day week for everyone, from May"],
    ]);
    expect(idea.comments.map((c) => [c.author, c.kind, c.text])).toEqual([
      ["Cy", "question", "For everyone?"],
    ]);

    // A step back needs a reason; then forward again.
    expect(await codeOf(app.as(fac).phases.change({ meetingId, to: "IDEATION" }))).toBe("BAD_REQUEST");
    await app.as(fac).phases.change({ meetingId, to: "IDEATION", reason: "One more idea" });
    await advanceTo(app, fac, meetingId, "DECISION");

    // Decision: an open ballot; votes can change until closing, and everyone sees who chose what.
    const { proposalId } = await app.as(fac).decisions.open({
      meetingId,
      title: "Adopt the four-day week",
      text: "From May, for everyone.",
      linkedIdeaIds: [ideaId],
      options: { kind: "yesNoAbstain" },
      secrecy: "open",
      quorumPercent: 50,
      majority: "simple",
    });
    await app.as(bob).decisions.vote({ meetingId, proposalId, optionId: "no" });
    await app.as(cy).decisions.vote({ meetingId, proposalId, optionId: "yes" });
    await app.as(bob).decisions.vote({ meetingId, proposalId, optionId: "yes" }); // changed
    await app.as(fac).decisions.vote({ meetingId, proposalId, optionId: "abstain" });
    let p = (await board(obs)).proposals[0];
    expect(p).toMatchObject({ voted: 3, entitled: 3, counts: { yes: 2, no: 0, abstain: 1 }, closedAt: null });
    expect(p.ballots!.map((b) => [b.name, b.optionId])).toEqual(
      expect.arrayContaining([
        ["Bob", "yes"],
        ["Cy", "yes"],
        ["Ana", "abstain"],
      ]),
    );
    expect((await board(bob)).proposals[0].myVote).toEqual({ voted: true, optionId: "yes" });

    // Nobody leaves Decision with a vote open.
    expect(await codeOf(app.as(fac).phases.change({ meetingId, to: "FEEDBACK" }))).toBe(
      "PRECONDITION_FAILED",
    );

    // Bob has the room open; Cy does not: present = connected members plus the one closing.
    app.deps.presence.enter(meetingId, bob.userId, "conn-bob");
    expect(await app.as(fac).decisions.close({ meetingId, proposalId })).toEqual({ outcome: "adopted" });
    p = (await board(obs)).proposals[0];
    expect(p.decision).toMatchObject({
      outcome: "adopted",
      winningOptionId: "yes",
      votesCast: 3,
      abstentions: 1,
      entitled: 3,
      quorumMet: true,
      linkedIdeas: [{ ideaId, text: "Four-day week for everyone, from May" }],
    });
    expect([...p.decision!.entitledNames].sort()).toEqual(["Ana", "Bob", "Cy"]);
    expect([...p.decision!.presentNames].sort()).toEqual(["Ana", "Bob"]);
    expect(await codeOf(app.as(cy).decisions.vote({ meetingId, proposalId, optionId: "no" }))).toBe(
      "PRECONDITION_FAILED",
    );

    // Feedback: members rate, the facilitator sees the summary, participants do not.
    await app.as(fac).phases.change({ meetingId, to: "FEEDBACK" });
    await app.as(bob).feedback.give({ meetingId, rating: 4, comment: " Good pace " });
    await app.as(cy).feedback.give({ meetingId, rating: 5 });
    expect((await app.room(fac, meetingId)).feedbackSummary).toEqual({
      count: 2,
      mean: 4.5,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 },
      comments: ["Good pace"],
      eligible: 3,
    });
    // Participants see that two ratings were given, never what or by whom (but their own).
    expect((await app.room(bob, meetingId)).feedbackSummary).toBeNull();
    expect((await app.room(bob, meetingId)).view.state.feedback).toEqual([
      { userId: bob.userId, rating: 4, comment: "Good pace", at: expect.any(Number) },
      { userId: null, rating: null, comment: null, at: expect.any(Number) },
    ]);
    expect((await board(bob)).myFeedback).toEqual({ rating: 4, comment: "Good pace" });

    // Closing ends the turn and empties the queue.
    await app.as(bob).tokens.request({ meetingId });
    await app.as(cy).tokens.request({ meetingId });
    await app.as(fac).phases.change({ meetingId, to: "CLOSED" });
    const room = await app.room(obs, meetingId);
    expect([room.meeting.phase, room.holder, room.queue]).toEqual(["CLOSED", null, []]);

    const log = await auditLog(app, meetingId);
    const governance = log.filter((e) => !e.type.startsWith("member.") && e.type !== "meeting.created");
    expect(governance.map((e) => e.type)).toEqual([
      "idea.posted",
      "idea.posted",
      "phase.changed",
      "comment.posted",
      "idea.revised",
      "idea.revised",
      "phase.changed",
      "phase.changed",
      "phase.changed",
      "proposal.opened",
      "vote.cast",
      "vote.cast",
      "vote.cast",
      "vote.cast",
      "proposal.closed",
      "phase.changed",
      "feedback.given",
      "feedback.given",
      "token.granted",
      "token.requested",
      "token.released",
      "token.withdrawn",
      "phase.changed",
    ]);
    expect(log.filter((e) => e.type === "phase.changed").map((e) => [e.from, e.to, e.reason])).toEqual([
      ["IDEATION", "CLARIFICATION", null],
      ["CLARIFICATION", "IDEATION", "One more idea"],
      ["IDEATION", "CLARIFICATION", null],
      ["CLARIFICATION", "DECISION", null],
      ["DECISION", "FEEDBACK", null],
      ["FEEDBACK", "CLOSED", null],
    ]);
    expect(log.filter((e) => e.type.startsWith("token.") && e.reason === "closed")).toHaveLength(2);
    const closed = log.find((e) => e.type === "proposal.closed");
    expect(closed).toMatchObject({
      actorId: fac.userId,
      title: "Adopt the four-day week",
      text: "From May, for everyone.",
      secrecy: "open",
      tally: { outcome: "adopted", counts: { yes: 2, no: 0, abstain: 1 } },
      entitledIds: [fac.userId, bob.userId, cy.userId].sort(),
      presentIds: [fac.userId, bob.userId].sort(),
    });
  });

  it("keeps a Closed meeting readable and refuses every change", async () => {
    const { meetingId, fac, bob, obs } = m;
    await app.as(bob).ideas.post({ meetingId, text: "Keep me" });
    await advanceTo(app, fac, meetingId, "CLOSED");
    const before = await auditLog(app, meetingId);
    expect(await codeOf(app.as(fac).phases.change({ meetingId, to: "FEEDBACK", reason: "oops" }))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(await codeOf(app.as(bob).ideas.post({ meetingId, text: "late" }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(app.as(bob).feedback.give({ meetingId, rating: 3 }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(app.as(bob).tokens.request({ meetingId }))).toBe("PRECONDITION_FAILED");
    expect((await board(obs)).ideas.map((i) => i.text)).toEqual(["Keep me"]);
    expect(await auditLog(app, meetingId)).toEqual(before);
  });
});
