import type { MemberRole } from "../roles";
import type { Phase } from "../phases/phase";
import type { CommentKind } from "../ideas";
import type { Rating } from "../feedback";
import type { OptionId } from "../decisions/ballot";
import type { DecisionContext, ProposalState } from "../decisions/lifecycle";
import type { Tally } from "../decisions/tally";
import { emptyTokenState, type TokenState } from "../tokens/engine";
import type { FloorAcc } from "../stats/speaking";
import { emptyVideoState, type VideoState } from "../video/video";
import type { RoomEnvelope } from "./envelope";
import { emptyBoard, type BoardState } from "../board/board";

// The live room as a fold over the meeting's log (fold.ts): everything the room page shows,
// in plain JSON (times in epoch ms) so the server sends it as a snapshot and the browser keeps it
// up to date with the same fold, one event at a time.

export interface RoomMember {
  userId: string;
  role: MemberRole;
  /** Time of the latest join (a re-join resets it, as the membership row does). */
  joinedAt: number;
  active: boolean;
}

interface RoomRevision {
  number: number;
  text: string;
  authorId: string | null;
  at: number;
}

interface RoomComment {
  commentId: string;
  authorId: string | null;
  kind: CommentKind;
  text: string;
  at: number;
}

export interface RoomIdea {
  ideaId: string;
  authorId: string | null;
  text: string;
  postedAt: number;
  /** Every text the idea had, the original (number 1) first. */
  revisions: RoomRevision[];
  comments: RoomComment[];
}

interface RoomDecision extends DecisionContext {
  tally: Tally;
  decidedAt: number;
}

/** A proposal as the room knows it: what was opened (lifecycle.ts), its votes and its outcome. */
export interface RoomProposal extends Omit<ProposalState, "closed"> {
  openedById: string | null;
  openedAt: number;
  /** Who has voted, in order of first vote. */
  voterIds: string[];
  /** Open ballots: each voter's latest choice. Always empty for a secret ballot. */
  ballots: { userId: string; optionId: OptionId }[];
  closedAt: number | null;
  decision: RoomDecision | null;
}

/** A rating as this state's viewer may see it (disclose.ts): who and what may be withheld. */
export interface RoomFeedback {
  userId: string | null;
  rating: Rating | null;
  comment: string | null;
  at: number;
}

export const RECENT_EVENTS = 30;

export interface RoomState {
  meetingId: string;
  /** The last event folded in (0 before any). */
  seq: number;
  /** The stored log was verified through this event as events were appended. */
  verifiedThrough: number;
  title: string;
  description: string;
  phase: Phase;
  phaseSince: number;
  /** Display names of everyone the log refers to (names are not in the log: see envelope.ts). */
  people: Record<string, string>;
  /** Everyone who ever joined, in order of their latest join. */
  members: RoomMember[];
  token: TokenState;
  /** Closed turns and waits per person (stats/speaking.ts). */
  floor: FloorAcc;
  ideas: RoomIdea[];
  proposals: RoomProposal[];
  feedback: RoomFeedback[];
  /** The shared canvas (board/board.ts). */
  canvas: BoardState;
  /** Who is in the video call, and the microphone policy (video/video.ts). */
  video: VideoState;
  /** The latest events, newest first (without names or verification marks). */
  recent: RoomEnvelope[];
}

export const emptyRoomState = (meetingId: string): RoomState => ({
  meetingId,
  seq: 0,
  verifiedThrough: 0,
  title: "",
  description: "",
  phase: "IDEATION",
  phaseSince: 0,
  people: {},
  members: [],
  token: emptyTokenState(),
  floor: [],
  ideas: [],
  proposals: [],
  feedback: [],
  canvas: emptyBoard(),
  video: emptyVideoState(),
  recent: [],
});
