import { describe, expect, it } from "vitest";
import { applyTokenEvent, emptyTokenState } from "@/core/tokens/engine";
import { foldRoom } from "@/core/room/fold";
import { toRoomEnvelope } from "@/core/room/envelope";
import type { RecordedEvent } from "@/core/events";
import { log, meeting, time } from "../stats/fixture";

/** The room after the events numbered up to `upToSeq` (all of them by default). */
const replayMeeting = (events: RecordedEvent[], upToSeq = Infinity) =>
  foldRoom("m_stats", events.filter((r) => r.seq <= upToSeq).map(toRoomEnvelope));
const ms = (sec: number) => time(sec).getTime();

describe("the room fold: meeting, members and token", () => {
  it("gives the state after the whole log", () => {
    const s = replayMeeting(meeting);
    expect(s).toMatchObject({
      meetingId: "m_stats",
      title: "Budget",
      description: "Q2 plan",
      phase: "IDEATION",
      phaseSince: ms(0),
      seq: meeting.length,
    });
    expect(s.recent[0].at).toBe(time(230).toISOString());
    expect(s.members).toEqual([
      { userId: "ana", role: "FACILITATOR", joinedAt: ms(0), active: true },
      { userId: "bob", role: "PARTICIPANT", joinedAt: ms(10), active: true },
      { userId: "cy", role: "PARTICIPANT", joinedAt: ms(20), active: true },
      { userId: "dee", role: "OBSERVER", joinedAt: ms(25), active: true },
      { userId: "eve", role: "PARTICIPANT", joinedAt: ms(220), active: false },
    ]);
    expect(s.token).toMatchObject({
      holder: { userId: "ana", since: ms(200) },
      queue: [],
      turnLimitSec: null,
    });
  });

  it("gives the state as it was after event #N", () => {
    const s = replayMeeting(meeting, 8);
    expect(s.seq).toBe(8);
    expect(s.recent[0].at).toBe(time(50).toISOString());
    expect(s.members.map((m) => m.userId)).toEqual(["ana", "bob", "cy", "dee"]);
    expect(s.token).toMatchObject({
      holder: { userId: "ana", since: ms(30) },
      queue: [
        { userId: "bob", ticket: 7, since: ms(40) },
        { userId: "cy", ticket: 8, since: ms(50) },
      ],
      turnLimitSec: null,
    });
    expect(replayMeeting(meeting, 0)).toMatchObject({ seq: 0, title: "", members: [], recent: [] });
  });

  it("folds the token exactly as the token engine does", () => {
    for (let n = 0; n <= meeting.length; n++) {
      const engine = meeting
        .slice(0, n)
        .reduce((t, r) => applyTokenEvent(t, r.event, r.seq, r.at.getTime()), emptyTokenState());
      expect(replayMeeting(meeting, n).token).toEqual(engine);
    }
  });

  it("follows phases, turn limits, role changes and re-joins", () => {
    const s = replayMeeting(
      log([
        [0, "a", { type: "meeting.created", title: "T", description: "" }],
        [0, "a", { type: "member.joined", userId: "a", role: "FACILITATOR" }],
        [5, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [6, "c", { type: "member.joined", userId: "c", role: "PARTICIPANT" }],
        [10, "a", { type: "meeting.configured", turnLimitSec: 90 }],
        [20, "a", { type: "phase.changed", from: "IDEATION", to: "CLARIFICATION", reason: null }],
        [30, "a", { type: "member.roleChanged", userId: "c", role: "OBSERVER" }],
        [40, "b", { type: "member.left", userId: "b" }],
        [50, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [60, "a", { type: "phase.changed", from: "CLARIFICATION", to: "DECISION", reason: "time" }],
      ]),
    );
    expect(s.phase).toBe("DECISION");
    expect(s.phaseSince).toBe(ms(60));
    expect(s.token.turnLimitSec).toBe(90);
    expect(s.members).toEqual([
      { userId: "a", role: "FACILITATOR", joinedAt: ms(0), active: true },
      { userId: "c", role: "OBSERVER", joinedAt: ms(6), active: true },
      { userId: "b", role: "PARTICIPANT", joinedAt: ms(50), active: true },
    ]);
  });
});

/** What proposal p1 asks, as its opening and its closing both record it. */
const P1 = {
  proposalId: "p1",
  title: "Adopt",
  text: "",
  options: { kind: "yesNoAbstain" },
  secrecy: "open",
  quorum: { num: 1, den: 2 },
  majority: "simple",
} as const;

describe("the room fold: ideas, proposals, decisions, ratings", () => {
  const s = replayMeeting(
    log([
      [0, "a", { type: "meeting.created", title: "T", description: "" }],
      [0, "a", { type: "member.joined", userId: "a", role: "FACILITATOR" }],
      [1, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
      [2, "b", { type: "idea.posted", ideaId: "i1", text: "Cut travel" }],
      [3, "a", { type: "comment.posted", commentId: "c1", ideaId: "i1", kind: "question", text: "All?" }],
      [4, "a", { type: "idea.revised", ideaId: "i1", revision: 2, text: "Cut travel, not training" }],
      [5, "a", { type: "proposal.opened", ...P1, linkedIdeaIds: ["i1"] }],
      [
        6,
        "b",
        {
          type: "vote.cast",
          proposalId: "p1",
          userId: "b",
          secrecy: "open",
          optionId: "yes",
          previousOptionId: null,
        },
      ],
      [
        7,
        "a",
        {
          type: "proposal.closed",
          ...P1,
          tally: {
            counts: { yes: 1, no: 0, abstain: 0 },
            votesCast: 1,
            abstentions: 0,
            entitled: 2,
            turnout: { num: 1, den: 2 },
            quorumMet: true,
            outcome: "adopted",
            winningOptionId: "yes",
          },
          linkedIdeas: [{ ideaId: "i1", text: "Cut travel, not training" }],
          entitledIds: ["a", "b"],
          presentIds: ["a", "b"],
          voterIds: ["b"],
          ballots: [{ userId: "b", optionId: "yes" }],
        },
      ],
      [8, "b", { type: "feedback.given", userId: "b", rating: 5, comment: null }],
    ]),
  );

  it("keeps an idea's every text, with who wrote each, and its comments", () => {
    expect(s.ideas).toEqual([
      {
        ideaId: "i1",
        authorId: "b",
        text: "Cut travel, not training",
        postedAt: ms(2),
        revisions: [
          { number: 1, text: "Cut travel", authorId: "b", at: ms(2) },
          { number: 2, text: "Cut travel, not training", authorId: "a", at: ms(4) },
        ],
        comments: [{ commentId: "c1", authorId: "a", kind: "question", text: "All?", at: ms(3) }],
      },
    ]);
  });

  it("records the vote and the decision it closed with", () => {
    expect(s.proposals[0]).toMatchObject({
      voterIds: ["b"],
      ballots: [{ userId: "b", optionId: "yes" }],
      closedAt: ms(7),
      decision: { tally: { outcome: "adopted" }, presentIds: ["a", "b"], decidedAt: ms(7) },
    });
    expect(s.feedback).toEqual([{ userId: "b", rating: 5, comment: null, at: ms(8) }]);
    // The activity: newest first.
    expect(s.recent.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
});
