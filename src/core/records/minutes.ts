import type { RecordedEvent } from "../events";
import { FIRST_PHASE, type Phase } from "../phases/phase";
import { summarizeFeedback, isRating, type FeedbackSummary } from "../feedback";
import { meetingStats, type MeetingStats } from "../stats/meeting";
import { foldRoom } from "../room/fold";
import { toRoomEnvelope } from "../room/envelope";
import { speakingTurns, type SpeakingTurn } from "../stats/turns";
import { floorMinutes, type FloorMinutes } from "./floor-minutes";
import { arr, firstStr, num, obj, payloadOf, str, type Payload } from "./payload";
import { applyBoardEvent, emptyBoard, isBoardEvent } from "../board/board";
import type { Shape } from "../board/shapes";

// The minutes of a meeting: a fold over its log into what a reader wants on paper. Governance
// events (ideas, proposals, votes, feedback) are read by field name, tolerant of shapes that
// differ or move on: a missing field reads as unknown, never as an error.

interface AttendeeMinute {
  userId: string;
  role: string | null;
  joinedAt: Date;
  leftAt: Date | null;
}

interface PhaseMinute {
  phase: Phase;
  from: Date;
  /** null for the phase the meeting is in (or CLOSED). */
  to: Date | null;
  reason: string | null;
}

interface IdeaMinute {
  ideaId: string;
  authorId: string | null;
  text: string;
  postedAt: Date;
  revisions: number;
  comments: number;
}

export interface DecisionMinute {
  proposalId: string;
  title: string;
  text: string;
  openedAt: Date;
  closedAt: Date | null;
  secrecy: string | null;
  majority: string | null;
  /** Quorum as a whole percentage, when the proposal said. */
  quorumPercent: number | null;
  /** Option ids in order; labels for choice lists (yes/no/abstain are translated by the reader). */
  options: { id: string; label: string | null }[];
  /** Votes per option at closing (null when the closing did not say, or not closed). */
  counts: Record<string, number> | null;
  /** vote.cast events seen (a changed open vote counts again). */
  ballotsCast: number;
  entitled: number | null;
  quorumMet: boolean | null;
  outcome: string | null;
  winningOptionId: string | null;
  /** The shared canvas at closing, and the hash the decision states for it (when it does). */
  board: Shape[];
  boardHash: string | null;
}

interface ExportMinute {
  at: Date;
  actorId: string | null;
  format: string;
}

export interface Minutes {
  meetingId: string | null;
  title: string;
  description: string;
  attendees: AttendeeMinute[];
  phases: PhaseMinute[];
  turns: SpeakingTurn[];
  /** Overrides of the queue's order and points of order. */
  floor: FloorMinutes;
  ideas: IdeaMinute[];
  decisions: DecisionMinute[];
  feedback: FeedbackSummary;
  exports: ExportMinute[];
  stats: MeetingStats;
  /** The shared canvas at the end of the log. */
  board: Shape[];
  startedAt: Date | null;
  endedAt: Date | null;
}

const ABSTAIN_AND_YES_NO = ["yes", "no", "abstain"];

function optionsOf(p: Payload): DecisionMinute["options"] {
  const options = obj(p, "options");
  if (!options || str(options, "kind") === "yesNoAbstain") {
    return ABSTAIN_AND_YES_NO.map((id) => ({ id, label: null }));
  }
  const choices = arr(options, "choices").flatMap((c) => {
    const choice = c && typeof c === "object" ? (c as Payload) : null;
    const id = choice && str(choice, "id");
    return id ? [{ id, label: str(choice, "label") }] : [];
  });
  return [...choices, { id: "abstain", label: null }];
}

function quorumPercentOf(p: Payload): number | null {
  const q = obj(p, "quorum");
  const n = q && num(q, "num");
  const d = q && num(q, "den");
  return n !== null && d ? Math.round((100 * n) / d) : num(p, "quorumPercent");
}

function countsOf(p: Payload): Record<string, number> | null {
  const counts = obj(p, "counts");
  if (!counts) return null;
  return Object.fromEntries(
    Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === "number"),
  );
}

function closeDecision(d: DecisionMinute, p: Payload, at: Date): void {
  // The tally may sit in the event itself or under `tally`.
  const t = obj(p, "tally") ?? p;
  d.closedAt = at;
  d.counts = countsOf(t);
  d.entitled = num(t, "entitled");
  const met = t.quorumMet;
  d.quorumMet = typeof met === "boolean" ? met : null;
  d.outcome = str(p, "outcome") ?? str(t, "outcome");
  d.winningOptionId = str(p, "winningOptionId") ?? str(t, "winningOptionId");
}

/** Minutes of a log (in order); `now` measures a turn still running (default: the last event). */
export function meetingMinutes(events: readonly RecordedEvent[], now?: Date): Minutes {
  const state = foldRoom(events[0]?.meetingId ?? "", events.map(toRoomEnvelope));
  const attendees = new Map<string, AttendeeMinute>();
  const phases: PhaseMinute[] = [];
  const ideas = new Map<string, IdeaMinute>();
  const decisions = new Map<string, DecisionMinute>();
  const feedback: { rating: 1 | 2 | 3 | 4 | 5; comment: string | null }[] = [];
  const exports: ExportMinute[] = [];
  // The board as it stands at each event, for the board at each decision.
  let board = emptyBoard();

  const openPhase = (phase: Phase, from: Date, reason: string | null) => {
    const last = phases.at(-1);
    if (last && last.to === null) last.to = from;
    phases.push({ phase, from, to: null, reason });
  };

  for (const r of events) {
    if (isBoardEvent(r.event)) board = applyBoardEvent(board, r.event, r.actorId, r.seq);
    const type: string = r.event.type;
    const p = payloadOf(r.event);
    const ideaId = str(p, "ideaId");
    const proposalId = str(p, "proposalId");
    switch (type) {
      case "meeting.created":
        openPhase(FIRST_PHASE, r.at, null);
        break;
      case "phase.changed":
        openPhase(str(p, "to") as Phase, r.at, str(p, "reason"));
        break;
      case "member.joined": {
        const userId = str(p, "userId")!;
        attendees.set(userId, {
          userId,
          role: str(p, "role"),
          joinedAt: attendees.get(userId)?.joinedAt ?? r.at,
          leftAt: null,
        });
        break;
      }
      case "member.left": {
        const a = attendees.get(str(p, "userId") ?? "");
        if (a) a.leftAt = r.at;
        break;
      }
      case "member.roleChanged": {
        const a = attendees.get(str(p, "userId") ?? "");
        if (a) a.role = str(p, "role");
        break;
      }
      case "idea.posted":
        if (ideaId) {
          ideas.set(ideaId, {
            ideaId,
            authorId: firstStr(p, "authorId", "userId") ?? r.actorId,
            text: firstStr(p, "text", "title") ?? "",
            postedAt: r.at,
            revisions: 0,
            comments: 0,
          });
        }
        break;
      case "idea.revised": {
        const idea = ideas.get(ideaId ?? "");
        if (idea) {
          idea.text = firstStr(p, "text", "title") ?? idea.text;
          idea.revisions += 1;
        }
        break;
      }
      case "comment.posted": {
        const idea = ideas.get(ideaId ?? "");
        if (idea) idea.comments += 1;
        break;
      }
      case "proposal.opened":
        if (proposalId) {
          decisions.set(proposalId, {
            proposalId,
            title: str(p, "title") ?? "",
            text: str(p, "text") ?? "",
            openedAt: r.at,
            closedAt: null,
            secrecy: str(p, "secrecy"),
            majority: str(p, "majority"),
            quorumPercent: quorumPercentOf(p),
            options: optionsOf(p),
            counts: null,
            ballotsCast: 0,
            entitled: null,
            quorumMet: null,
            outcome: null,
            winningOptionId: null,
            board: [],
            boardHash: null,
          });
        }
        break;
      case "vote.cast": {
        const d = decisions.get(proposalId ?? "");
        if (d) d.ballotsCast += 1;
        break;
      }
      case "proposal.closed": {
        const d = decisions.get(proposalId ?? "");
        if (d) {
          closeDecision(d, p, r.at);
          d.board = board.shapes.map((s) => s.shape);
          d.boardHash = str(p, "boardHash");
        }
        break;
      }
      case "feedback.given": {
        const rating = num(p, "rating");
        if (isRating(rating)) feedback.push({ rating, comment: str(p, "comment") });
        break;
      }
      case "record.exported":
        exports.push({ at: r.at, actorId: r.actorId, format: str(p, "format") ?? "" });
        break;
    }
  }
  return {
    meetingId: events[0]?.meetingId ?? null,
    title: state.title,
    description: state.description,
    attendees: [...attendees.values()],
    phases,
    turns: speakingTurns(events, now),
    floor: floorMinutes(events),
    ideas: [...ideas.values()],
    decisions: [...decisions.values()],
    feedback: summarizeFeedback(feedback),
    exports,
    stats: meetingStats(events, now),
    board: state.canvas.shapes.map((s) => s.shape),
    startedAt: events[0]?.at ?? null,
    endedAt: events.at(-1)?.at ?? null,
  };
}
