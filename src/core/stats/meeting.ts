import type { RecordedEvent } from "../events";
import type { MemberRole } from "../roles";
import { contributions, type Contributions } from "./contributions";
import { gini } from "./gini";
import { replayMeeting } from "./replay";
import { floorStats, type FloorStats } from "./speaking";

// A meeting's statistics: the per-person folds joined together, each person's share of the
// speaking time, and the equity index (Gini of speaking time, see gini.ts) over the people who
// were present.
//
// Present = active member at the end who is not an Observer, or anyone who held the token.
// Observers are left out (unless they spoke before being made Observer) because they cannot take
// the floor: their silence is their role, not inequity. Members who left without speaking are left
// out too; members who spoke and then left stay in.

interface ParticipantStats extends FloorStats, Contributions {
  userId: string;
  /** Role at the end (null if the log never shows them joining). */
  role: MemberRole | null;
  active: boolean;
  /** Fraction of the meeting's speaking time, 0..1 (0 when nobody spoke). */
  share: number;
  /** Counted in the equity index. */
  present: boolean;
}

export interface MeetingStats {
  /** Members in joining order, then anyone else who appears in the log. */
  participants: ParticipantStats[];
  totalSpeakingMs: number;
  /** Gini coefficient of speaking time among present people: 0 = perfectly even. */
  equity: number;
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
const noContributions: Contributions = { ideasPosted: 0, votesCast: 0 };

/** Statistics over a meeting's log (in order); `now` (default: the last event's time) for live turns. */
export function meetingStats(events: readonly RecordedEvent[], now?: Date): MeetingStats {
  const state = replayMeeting(events);
  const floor = floorStats(events, now);
  const contrib = contributions(events);

  const ids = [...new Set([...state.members.map((m) => m.userId), ...floor.keys(), ...contrib.keys()])];
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
      ...(contrib.get(userId) ?? noContributions),
      share: totalSpeakingMs > 0 ? f.speakingMs / totalSpeakingMs : 0,
      present: f.turns > 0 || (active && member?.role !== "OBSERVER"),
    };
  });

  return {
    participants,
    totalSpeakingMs,
    equity: gini(participants.filter((p) => p.present).map((p) => p.speakingMs)),
    asOf: now ?? events.at(-1)?.at ?? null,
  };
}
