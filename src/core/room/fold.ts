import { applyTokenEvent } from "../tokens/engine";
import { applyFloorEvent } from "../stats/speaking";
import { applyBoardEvent, isBoardEvent } from "../board/board";
import { applyVideoEvent } from "../video/video";
import type { RoomEnvelope, VisibleEvent } from "./envelope";
import {
  RECENT_EVENTS,
  emptyRoomState,
  type RoomIdea,
  type RoomMember,
  type RoomProposal,
  type RoomState,
} from "./state";

// THE room fold: the server folds the log with it to answer the first query (and the replay),
// the browser folds every event after that with it. Pure and immutable: a step copies only what
// the event changes. Events a viewer receives with parts withheld (disclose.ts) fold the same way.

const mapWhere = <T>(list: readonly T[], hit: (x: T) => boolean, change: (x: T) => T): T[] =>
  list.map((x) => (hit(x) ? change(x) : x));

const withMember = (members: readonly RoomMember[], userId: string, change: Partial<RoomMember>) =>
  mapWhere(
    members,
    (m) => m.userId === userId,
    (m) => ({ ...m, ...change }),
  );

const withIdea = (ideas: readonly RoomIdea[], ideaId: string, change: (i: RoomIdea) => RoomIdea) =>
  mapWhere(ideas, (i) => i.ideaId === ideaId, change);

const withProposal = (
  proposals: readonly RoomProposal[],
  proposalId: string,
  change: (p: RoomProposal) => RoomProposal,
) => mapWhere(proposals, (p) => p.proposalId === proposalId, change);

/** What the event itself changes, beside the token and the floor (done for every event). */
function applyEvent(s: RoomState, e: VisibleEvent, actorId: string | null, at: number): RoomState {
  if (isBoardEvent(e)) return s; // the canvas: folded with its seq below
  switch (e.type) {
    case "meeting.created":
      // A meeting opens in IDEATION, from the moment it is created.
      return { ...s, title: e.title, description: e.description, phase: "IDEATION", phaseSince: at };
    case "member.joined":
      // Moves to the end: the newest join sorts last.
      return {
        ...s,
        members: [
          ...s.members.filter((m) => m.userId !== e.userId),
          { userId: e.userId, role: e.role, joinedAt: at, active: true },
        ],
      };
    case "member.left":
      return { ...s, members: withMember(s.members, e.userId, { active: false }) };
    case "member.roleChanged":
      return { ...s, members: withMember(s.members, e.userId, { role: e.role }) };
    case "phase.changed":
      return { ...s, phase: e.to, phaseSince: at };
    case "idea.posted":
      return {
        ...s,
        ideas: [
          ...s.ideas,
          {
            ideaId: e.ideaId,
            authorId: actorId,
            text: e.text,
            postedAt: at,
            revisions: [{ number: 1, text: e.text, authorId: actorId, at }],
            comments: [],
          },
        ],
      };
    case "idea.revised":
      return {
        ...s,
        ideas: withIdea(s.ideas, e.ideaId, (i) => ({
          ...i,
          text: e.text,
          revisions: [...i.revisions, { number: e.revision, text: e.text, authorId: actorId, at }],
        })),
      };
    case "comment.posted":
      return {
        ...s,
        ideas: withIdea(s.ideas, e.ideaId, (i) => ({
          ...i,
          comments: [
            ...i.comments,
            { commentId: e.commentId, authorId: actorId, kind: e.kind, text: e.text, at },
          ],
        })),
      };
    case "proposal.opened":
      return {
        ...s,
        proposals: [
          ...s.proposals,
          {
            proposalId: e.proposalId,
            title: e.title,
            text: e.text,
            options: e.options,
            secrecy: e.secrecy,
            quorum: e.quorum,
            majority: e.majority,
            linkedIdeaIds: [...e.linkedIdeaIds],
            openedById: actorId,
            openedAt: at,
            voterIds: [],
            ballots: [],
            closedAt: null,
            decision: null,
          },
        ],
      };
    case "vote.cast":
      return {
        ...s,
        proposals: withProposal(s.proposals, e.proposalId, (p) => ({
          ...p,
          voterIds: p.voterIds.includes(e.userId) ? p.voterIds : [...p.voterIds, e.userId],
          ballots:
            e.secrecy === "open"
              ? [
                  ...p.ballots.filter((b) => b.userId !== e.userId),
                  { userId: e.userId, optionId: e.optionId },
                ]
              : p.ballots,
        })),
      };
    case "proposal.closed":
      return {
        ...s,
        proposals: withProposal(s.proposals, e.proposalId, (p) => ({
          ...p,
          closedAt: at,
          decision: {
            tally: e.tally,
            linkedIdeas: e.linkedIdeas,
            entitledIds: e.entitledIds,
            presentIds: e.presentIds,
            voterIds: e.voterIds,
            ballots: e.ballots,
            decidedAt: at,
          },
        })),
      };
    case "feedback.given":
      return {
        ...s,
        feedback: [...s.feedback, { userId: e.userId, rating: e.rating, comment: e.comment, at }],
      };
    case "meeting.configured": // the token's turn limit: folded by the token engine
    case "token.requested":
    case "token.withdrawn":
    case "token.granted":
    case "token.released":
    case "floor.policySet": // the queue's order, points of order, overrides: tokens/engine.ts
    case "floor.pointRaised":
    case "floor.pointGranted":
    case "floor.pointDeclined":
    case "floor.pointWithdrawn":
    case "floor.reordered":
    case "floor.grantedOutOfOrder":
    case "record.exported": // a fact about the record, shown in the activity only
    case "video.joined": // the video events: folded by the video module, below
    case "video.left":
    case "video.muted":
    case "video.micPolicySet":
      return s;
    default: {
      // Adding an event type without saying how it changes the room fails to compile.
      const unhandled: never = e;
      throw new Error(`No room fold for ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Folds one event (as this state's viewer receives it) into the room. */
export function applyRoomEnvelope(s: RoomState, env: RoomEnvelope): RoomState {
  const at = Date.parse(env.at);
  const token = applyTokenEvent(s.token, env.event, env.seq, at);
  const next = applyEvent(s, env.event, env.actorId, at);
  return {
    ...next,
    seq: env.seq,
    verifiedThrough: env.verified === undefined ? s.verifiedThrough : Math.min(env.verified, env.seq),
    people: env.names ? { ...s.people, ...env.names } : s.people,
    token,
    canvas: isBoardEvent(env.event) ? applyBoardEvent(s.canvas, env.event, env.actorId, env.seq) : s.canvas,
    floor: applyFloorEvent(s.floor, s.token, token, env.event, at),
    video: applyVideoEvent(s.video, env.event, env.seq, at),
    // The event alone: the names and the verification mark are folded in above.
    recent: [
      { seq: env.seq, at: env.at, actorId: env.actorId, event: env.event },
      ...s.recent.slice(0, RECENT_EVENTS - 1),
    ],
  };
}

/** The room after `envelopes` (in log order), from an empty meeting. */
export function foldRoom(meetingId: string, envelopes: readonly RoomEnvelope[]): RoomState {
  return envelopes.reduce(applyRoomEnvelope, emptyRoomState(meetingId));
}
