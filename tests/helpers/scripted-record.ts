// A scripted meeting's log, built with the core's own event constructors (so its shapes are the
// real ones), with fixed ids and times: the input of the export golden tests and the minutes tests.
import type { MeetingEvent, RecordedEvent } from "@/core/events";
import { auditRowOf, type AuditRow } from "@/core/audit/rows";
import { genesisHash } from "@/core/audit/chain";
import { draftProposal } from "@/core/decisions/ballot";
import { castVote, emptyVoteBook } from "@/core/decisions/votes";
import { closeProposal, openProposal, type ProposalState } from "@/core/decisions/lifecycle";
import { giveFeedback } from "@/core/feedback";
import { commentOn, postIdea, reviseIdea } from "@/core/ideas";

export const MEETING_ID = "m_golden0001";
const T0 = Date.parse("2026-03-02T14:00:00.000Z");
export const at = (sec: number) => new Date(T0 + sec * 1000);

export const PEOPLE = [
  { id: "u_ana", name: "Ana Lima" },
  { id: "u_bob", name: "Bob Stone" },
  { id: "u_cy", name: "Cy Okafor" },
  { id: "u_dee", name: "Dee Martin" },
  { id: "u_aud", name: "Ida Auditor" },
];

const draft = draftProposal({
  title: "Adopt the Q2 budget",
  text: "Cut travel by 20% and share desks.",
  options: { kind: "yesNoAbstain" },
  secrecy: "open",
  quorum: { num: 1, den: 2 },
  majority: "simple",
  linkedIdeaIds: ["idea_1", "idea_2"],
});
const opened = openProposal("prop_1", draft, new Set(draft.linkedIdeaIds));
const proposal: ProposalState = { ...draft, proposalId: "prop_1", closed: false };
let book = emptyVoteBook("prop_1", draft.options, draft.secrecy);
const vote = (userId: string, optionId: string) => {
  const r = castVote(book, userId, optionId);
  book = r.book;
  return r.event;
};
const votes = [vote("u_bob", "yes"), vote("u_cy", "no"), vote("u_ana", "yes"), vote("u_cy", "yes")];
const members = [
  { userId: "u_ana", role: "FACILITATOR" as const, active: true },
  { userId: "u_bob", role: "PARTICIPANT" as const, active: true },
  { userId: "u_cy", role: "PARTICIPANT" as const, active: true },
  { userId: "u_dee", role: "OBSERVER" as const, active: true },
];
const closed = closeProposal(proposal, book, {
  members,
  presentIds: ["u_ana", "u_bob", "u_cy", "u_dee"],
  ideas: new Map([
    ["idea_1", "Cut travel by 20%"],
    ["idea_2", "Share desks on Fridays"],
  ]),
  // SHA-256 of "[]": the board was empty when the vote closed.
  boardHash: "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
});
const idea1 = postIdea("idea_1", "Cut travel by 20%");

type Step = [sec: number, actorId: string | null, event: MeetingEvent];
const steps: Step[] = [
  [
    0,
    "u_ana",
    { type: "meeting.created", title: "Budget review Q2", description: "Quarterly budget decisions" },
  ],
  [0, "u_ana", { type: "member.joined", userId: "u_ana", role: "FACILITATOR" }],
  [20, "u_bob", { type: "member.joined", userId: "u_bob", role: "PARTICIPANT" }],
  [30, "u_cy", { type: "member.joined", userId: "u_cy", role: "PARTICIPANT" }],
  [40, "u_dee", { type: "member.joined", userId: "u_dee", role: "PARTICIPANT" }],
  [45, "u_ana", { type: "member.roleChanged", userId: "u_dee", role: "OBSERVER" }],
  [50, "u_ana", { type: "meeting.configured", turnLimitSec: 120 }],
  [60, "u_ana", { type: "token.granted", userId: "u_ana", reason: "free" }],
  [70, "u_bob", { type: "token.requested", userId: "u_bob" }],
  [80, "u_cy", { type: "token.requested", userId: "u_cy" }],
  // The fair floor's overrides and a point of order, before Bob (first in line again) speaks.
  [
    85,
    "u_ana",
    {
      type: "floor.reordered",
      userId: "u_cy",
      direction: "up",
      from: 2,
      to: 1,
      skipped: ["u_bob"],
      reason: "Brief reply to Ana",
    },
  ],
  [95, "u_bob", { type: "floor.pointRaised", userId: "u_bob", reason: "Check the quorum first" }],
  [100, "u_ana", { type: "floor.pointDeclined", userId: "u_bob", reason: "Checked at the start" }],
  [
    110,
    "u_ana",
    {
      type: "floor.reordered",
      userId: "u_bob",
      direction: "up",
      from: 2,
      to: 1,
      skipped: ["u_cy"],
      reason: null,
    },
  ],
  [120, "u_ana", { type: "token.released", userId: "u_ana", reason: "released" }],
  [120, "u_ana", { type: "token.granted", userId: "u_bob", reason: "queue" }],
  [130, "u_bob", idea1],
  [140, "u_cy", postIdea("idea_2", "Share desks on Fridays")],
  [240, null, { type: "token.released", userId: "u_bob", reason: "expired" }],
  [240, null, { type: "token.granted", userId: "u_cy", reason: "queue" }],
  [270, "u_ana", { type: "phase.changed", from: "IDEATION", to: "CLARIFICATION", reason: null }],
  [280, "u_ana", commentOn(idea1, "c_1", "question", "Does this include conferences?")],
  [
    290,
    "u_bob",
    reviseIdea(
      { ideaId: "idea_1", authorId: "u_bob", text: "Cut travel by 20%", revisions: 1 },
      "Cut travel by 20%, conferences excluded",
    ),
  ],
  [300, "u_cy", { type: "token.released", userId: "u_cy", reason: "released" }],
  [310, "u_ana", { type: "phase.changed", from: "CLARIFICATION", to: "DECISION", reason: null }],
  [320, "u_ana", opened],
  [330, "u_bob", votes[0]],
  [335, "u_cy", votes[1]],
  [340, "u_ana", votes[2]],
  [345, "u_cy", votes[3]],
  [360, "u_ana", closed],
  [370, "u_ana", { type: "phase.changed", from: "DECISION", to: "FEEDBACK", reason: null }],
  [380, "u_bob", giveFeedback([], "u_bob", { rating: 4, comment: "Clear and fair" })],
  [385, "u_cy", giveFeedback(["u_bob"], "u_cy", { rating: 5 })],
  [390, "u_ana", giveFeedback(["u_bob", "u_cy"], "u_ana", { rating: 3, comment: "Too long" })],
  [400, "u_ana", { type: "phase.changed", from: "FEEDBACK", to: "CLOSED", reason: null }],
  [460, "u_aud", { type: "record.exported", format: "pdf" }],
];

export const scriptedEvents: RecordedEvent[] = steps.map(([sec, actorId, event], i) => ({
  meetingId: MEETING_ID,
  seq: i + 1,
  at: at(sec),
  actorId,
  event,
}));

/** The log as the database holds it: rows chained from the meeting's genesis. */
export function scriptedRows(events: readonly RecordedEvent[] = scriptedEvents): AuditRow[] {
  let prev = genesisHash(MEETING_ID);
  return events.map((r) => {
    const row = auditRowOf(prev, r);
    prev = row.hash;
    return row;
  });
}

/** A fixed Ed25519 key for tests only (signatures are deterministic, so goldens are stable). */
export const TEST_SIGNING_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIE/T4cwMUlLrRhrZjCKBna+Z9USCk57AArkOe/uAiIGw
-----END PRIVATE KEY-----
`;
