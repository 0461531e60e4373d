import type { MeetingEvent, RecordedEvent } from "@/core/events";

// A scripted meeting log for the statistics tests: times in seconds from t0.

const t0 = Date.parse("2026-03-01T09:00:00.000Z");
export const time = (sec: number) => new Date(t0 + sec * 1000);

function opened(proposalId: string): MeetingEvent {
  return {
    type: "proposal.opened",
    proposalId,
    title: proposalId,
    text: "",
    options: { kind: "yesNoAbstain" },
    secrecy: proposalId === "p1" ? "secret" : "open",
    quorum: { num: 0, den: 1 },
    majority: "simple",
    linkedIdeaIds: [],
  };
}

export function log(steps: [sec: number, actorId: string | null, event: MeetingEvent][]): RecordedEvent[] {
  return steps.map(([sec, actorId, event], i) => ({
    meetingId: "m_stats",
    seq: i + 1,
    at: time(sec),
    actorId,
    event,
  }));
}

/**
 * ana facilitates; bob, cy participate; dee observes; eve drops in and out without speaking.
 * ana speaks 30..90 and from 200 on, bob 90..150, cy 160..200. bob waits 40..90, cy waits 50..120
 * then withdraws, ana waits 170..200; ana's and cy's grants at 30 and 160 are immediate. bob posts
 * one idea and votes on two proposals (changing his open vote once), cy posts one and votes once.
 */
export const meeting = log([
  [0, "ana", { type: "meeting.created", title: "Budget", description: "Q2 plan" }],
  [0, "ana", { type: "member.joined", userId: "ana", role: "FACILITATOR" }],
  [10, "bob", { type: "member.joined", userId: "bob", role: "PARTICIPANT" }],
  [20, "cy", { type: "member.joined", userId: "cy", role: "PARTICIPANT" }],
  [25, "dee", { type: "member.joined", userId: "dee", role: "OBSERVER" }],
  [30, "ana", { type: "token.granted", userId: "ana", reason: "free" }],
  [40, "bob", { type: "token.requested", userId: "bob" }],
  [50, "cy", { type: "token.requested", userId: "cy" }],
  [90, "ana", { type: "token.released", userId: "ana", reason: "released" }],
  [90, "ana", { type: "token.granted", userId: "bob", reason: "queue" }],
  [120, "cy", { type: "token.withdrawn", userId: "cy", reason: "withdrawn" }],
  [130, "bob", { type: "idea.posted", ideaId: "i1", text: "Cut travel" }],
  [135, "cy", { type: "idea.posted", ideaId: "i2", text: "Share desks" }],
  [150, "bob", { type: "token.released", userId: "bob", reason: "released" }],
  [160, "cy", { type: "token.granted", userId: "cy", reason: "free" }],
  [170, "ana", { type: "token.requested", userId: "ana" }],
  [200, "cy", { type: "token.released", userId: "cy", reason: "released" }],
  [200, "cy", { type: "token.granted", userId: "ana", reason: "queue" }],
  [205, "ana", opened("p1")],
  [206, "ana", opened("p2")],
  [210, "bob", { type: "vote.cast", proposalId: "p1", userId: "bob", secrecy: "secret" }],
  [211, "cy", { type: "vote.cast", proposalId: "p1", userId: "cy", secrecy: "secret" }],
  [
    212,
    "bob",
    {
      type: "vote.cast",
      proposalId: "p2",
      userId: "bob",
      secrecy: "open",
      optionId: "yes",
      previousOptionId: null,
    },
  ],
  [
    213,
    "bob",
    {
      type: "vote.cast",
      proposalId: "p2",
      userId: "bob",
      secrecy: "open",
      optionId: "no",
      previousOptionId: "yes",
    },
  ],
  [220, "eve", { type: "member.joined", userId: "eve", role: "PARTICIPANT" }],
  [230, "eve", { type: "member.left", userId: "eve" }],
]);
