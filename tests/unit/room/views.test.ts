import { describe, expect, it } from "vitest";
import { foldRoom } from "@/core/room/fold";
import { boardView, feedbackSummaryView, roomPage } from "@/core/room/views";
import type { RoomEnvelope } from "@/core/room/envelope";
import type { MeetingEvent } from "@/core/events";

let seq = 0;
const env = (actorId: string | null, event: MeetingEvent, names?: Record<string, string>): RoomEnvelope => ({
  seq: ++seq,
  at: new Date(Date.parse("2026-04-01T10:00:00Z") + seq * 1000).toISOString(),
  actorId,
  event,
  names,
});
const opened = (proposalId: string, secrecy: "open" | "secret"): MeetingEvent => ({
  type: "proposal.opened",
  proposalId,
  title: proposalId,
  text: "",
  options: { kind: "yesNoAbstain" },
  secrecy,
  quorum: { num: 1, den: 2 },
  majority: "simple",
  linkedIdeaIds: [],
});

const log = [
  env("ana", { type: "meeting.created", title: "T", description: "" }, { ana: "Ana" }),
  env("ana", { type: "member.joined", userId: "ana", role: "FACILITATOR" }),
  env("bob", { type: "member.joined", userId: "bob", role: "PARTICIPANT" }, { bob: "Bob" }),
  env("cy", { type: "member.joined", userId: "cy", role: "PARTICIPANT" }, { cy: "Cy" }),
  env("ana", opened("open", "open")),
  env("ana", opened("secret", "secret")),
  env("bob", {
    type: "vote.cast",
    proposalId: "open",
    userId: "bob",
    secrecy: "open",
    optionId: "yes",
    previousOptionId: null,
  }),
  env("cy", {
    type: "vote.cast",
    proposalId: "open",
    userId: "cy",
    secrecy: "open",
    optionId: "no",
    previousOptionId: null,
  }),
  env("cy", {
    type: "vote.cast",
    proposalId: "open",
    userId: "cy",
    secrecy: "open",
    optionId: "yes",
    previousOptionId: "no",
  }),
  env("bob", { type: "vote.cast", proposalId: "secret", userId: "bob", secrecy: "secret" }),
];

describe("the room page, read off the fold", () => {
  const board = boardView(foldRoom("m1", log), "cy");

  it("counts an open ballot live, with who chose what, and each voter's latest choice", () => {
    const p = board.proposals[0];
    expect(p.counts).toEqual({ yes: 2, no: 0, abstain: 0 });
    expect(p.ballots).toEqual([
      { userId: "bob", optionId: "yes", name: "Bob" },
      { userId: "cy", optionId: "yes", name: "Cy" },
    ]);
    expect(p.myVote).toEqual({ voted: true, optionId: "yes" });
    expect([p.voted, p.entitled]).toEqual([2, 3]);
  });

  it("shows of a secret ballot who voted and how many, never a count before closing", () => {
    const p = board.proposals[1];
    expect([p.counts, p.ballots, p.voted, p.myVote]).toEqual([
      null,
      null,
      1,
      { voted: false, optionId: null },
    ]);
  });

  it("summarises ratings for those who may, never naming who gave them", () => {
    const rated = foldRoom("m1", [
      ...log,
      env("bob", { type: "feedback.given", userId: "bob", rating: 5, comment: "Great" }),
      env("cy", { type: "feedback.given", userId: "cy", rating: 2, comment: null }),
    ]);
    expect(feedbackSummaryView(rated)).toEqual({
      count: 2,
      mean: 3.5,
      distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 },
      comments: ["Great"],
      eligible: 3,
    });
    expect(roomPage(rated, { userId: "bob", globalRole: "USER" }, new Set()).feedbackSummary).toBeNull();
    expect(roomPage(rated, { userId: "ana", globalRole: "USER" }, new Set()).feedbackSummary?.count).toBe(2);
  });

  it("gives the viewer their capabilities from the permission table", () => {
    const page = roomPage(foldRoom("m1", log), { userId: "bob", globalRole: "USER" }, new Set(["bob"]));
    expect(page.me).toMatchObject({ userId: "bob", role: "PARTICIPANT", kind: "PARTICIPANT" });
    expect(page.me.can["token.request"]).toBeNull();
    expect(page.me.can["phase.change"]).toBe("ROLE");
    expect(page.members.map((m) => [m.name, m.online])).toEqual([
      ["Ana", false],
      ["Bob", true],
      ["Cy", false],
    ]);
  });
});
