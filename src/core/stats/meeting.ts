import type { RecordedEvent } from "../events";
import type { MemberRole } from "../roles";
import { foldRoom } from "../room/fold";
import { toRoomEnvelope } from "../room/envelope";
import type { RoomState } from "../room/state";
import { gini } from "./gini";
import { floorAt, type FloorStats } from "./speaking";

// A meeting's statistics: the per-person folds joined together, each person's share of the
// speaking time, and the equity index (Gini of speaking time, see gini.ts) over the people who
// were present. Read off the room fold (room/fold.ts), so the live room and the records agree.
//
// Present = active member at the end who is not an Observer, or anyone who held the token.
// Observers are left out (unless they spoke before being made Observer) because they cannot take
// the floor: their silence is their role, not inequity. Members who left without speaking are left
// out too; members who spoke and then left stay in.

interface Contributions {
  ideasPosted: number;
  /** Proposals voted on (changing an open vote is not voting again). */
  votesCast: number;
  /** Shapes placed on the shared canvas and not undone (board/board.ts). */
  shapesDrawn: number;
}

interface ParticipantStats extends FloorStats, Contributions {
  userId: string;
  /** Role at the end (null if the log never shows them joining). */
  role: MemberRole | null;
  active: boolean;
  /** Fraction of the meeting's speaking time, 0..1 (0 when nobody spoke). */
  share: number;
  /** Counted in the equity index. */
  present: boolean;
  /** Turns given in queue order vs by an override (out of order, or a point of order). */
  turnsByOrder: number;
  turnsByOverride: number;
}

export interface MeetingStats {
  /** Members in joining order, then anyone else who appears in the log. */
  participants: ParticipantStats[];
  totalSpeakingMs: number;
  /** Gini coefficient of speaking time among present people: 0 = perfectly even. */
  equity: number;
  /** Fraction of all turns given by an override, 0..1 (0 when nobody spoke). */
  overrideShare: number;
  /** Mean of the present people's own average waits (ms; null when nobody waited). */
  meanWaitPerPersonMs: number | null;
  /** Time the running turn and waits were counted up to (null for an empty log). */
  asOf: Date | null;
}

const noFloor: FloorStats = {
  speakingMs: 0,
  turns: 0,
  waits: 0,
  totalWaitMs: 0,
  meanWaitMs: null,
  longestWaitMs: null,
};

function contributionsOf(state: RoomState, userId: string): Contributions {
  return {
    ideasPosted: state.ideas.filter((i) => i.authorId === userId).length,
    votesCast: state.proposals.filter((p) => p.voterIds.includes(userId)).length,
    shapesDrawn: state.canvas.drawn[userId] ?? 0,
  };
}

/**
 * Statistics of a folded room; a running turn and running waits count up to `end` (epoch ms;
 * default: the time of the last event).
 */
export function roomStats(state: RoomState, end?: number): MeetingStats {
  const last = state.recent[0];
  const upTo = end ?? (last ? Date.parse(last.at) : undefined);
  const floor = floorAt(state.floor, state.token, upTo);
  const authors = state.ideas.flatMap((i) => (i.authorId ? [i.authorId] : []));
  const voters = state.proposals.flatMap((p) => p.voterIds);
  const drawers = Object.keys(state.canvas.drawn);
  const ids = [
    ...new Set([...state.members.map((m) => m.userId), ...floor.keys(), ...authors, ...voters, ...drawers]),
  ];
  const totalSpeakingMs = [...floor.values()].reduce((sum, f) => sum + f.speakingMs, 0);

  const participants = ids.map((userId): ParticipantStats => {
    const member = state.members.find((m) => m.userId === userId);
    const f = floor.get(userId) ?? noFloor;
    const active = member?.active ?? false;
    return {
      userId,
      role: member?.role ?? null,
      active,
      ...f,
      ...contributionsOf(state, userId),
      share: totalSpeakingMs > 0 ? f.speakingMs / totalSpeakingMs : 0,
      present: f.turns > 0 || (active && member?.role !== "OBSERVER"),
      turnsByOrder: f.turns - (state.token.overrideTurns[userId] ?? 0),
      turnsByOverride: state.token.overrideTurns[userId] ?? 0,
    };
  });
  const turns = participants.reduce((sum, p) => sum + p.turns, 0);
  const waits = participants.flatMap((p) => (p.present && p.meanWaitMs !== null ? [p.meanWaitMs] : []));

  return {
    participants,
    totalSpeakingMs,
    equity: gini(participants.filter((p) => p.present).map((p) => p.speakingMs)),
    overrideShare: turns > 0 ? participants.reduce((sum, p) => sum + p.turnsByOverride, 0) / turns : 0,
    meanWaitPerPersonMs: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
    asOf: upTo === undefined ? null : new Date(upTo),
  };
}

/** Statistics over a meeting's log (in order); `now` (default: the last event's time) for live turns. */
export function meetingStats(events: readonly RecordedEvent[], now?: Date): MeetingStats {
  const state = foldRoom(events[0]?.meetingId ?? "", events.map(toRoomEnvelope));
  return roomStats(state, now?.getTime());
}
