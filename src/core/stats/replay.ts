import type { RecordedEvent } from "../events";
import type { MemberRole } from "../roles";
import { FIRST_PHASE, type Phase } from "../phases/phase";
import { applyTokenEvent, emptyTokenState, type TokenState } from "../tokens/engine";

// A meeting's state as a fold over its event log: what the state tables must equal after the same
// events (see server/services/projection.ts), and "the meeting as it was after event #N".

interface ReplayedMember {
  userId: string;
  role: MemberRole;
  /** Time of the latest join (a re-join resets it, as the membership row does). */
  joinedAt: Date;
  active: boolean;
}

export interface MeetingState {
  meetingId: string | null;
  title: string;
  description: string;
  phase: Phase;
  phaseSince: Date | null;
  /** Ordered by joinedAt, ties in log order (the snapshot orders by joinedAt too). */
  members: readonly ReplayedMember[];
  /** Holder, queue and turn limit, folded by the token engine itself. */
  token: TokenState;
  /** The last event applied (0 before any). */
  lastSeq: number;
  at: Date | null;
}

const initialMeetingState = (): MeetingState => ({
  meetingId: null,
  title: "",
  description: "",
  phase: FIRST_PHASE,
  phaseSince: null,
  members: [],
  token: emptyTokenState(),
  lastSeq: 0,
  at: null,
});

const updateMember = (s: MeetingState, userId: string, change: Partial<ReplayedMember>) =>
  s.members.map((m) => (m.userId === userId ? { ...m, ...change } : m));

/** Folds one event. Event types this fold does not know (added later) leave the state as it is. */
function applyMeetingEvent(s: MeetingState, r: RecordedEvent): MeetingState {
  const e = r.event;
  const base: MeetingState = {
    ...s,
    meetingId: r.meetingId,
    token: applyTokenEvent(s.token, e, r.seq, r.at),
    lastSeq: r.seq,
    at: r.at,
  };
  switch (e.type) {
    case "meeting.created":
      // A meeting opens in its first phase, from the moment it is created.
      return { ...base, title: e.title, description: e.description, phase: FIRST_PHASE, phaseSince: r.at };
    case "member.joined": {
      // Moves to the end: the newest joinedAt sorts last.
      const others = s.members.filter((m) => m.userId !== e.userId);
      return {
        ...base,
        members: [...others, { userId: e.userId, role: e.role, joinedAt: r.at, active: true }],
      };
    }
    case "member.left":
      return { ...base, members: updateMember(s, e.userId, { active: false }) };
    case "member.roleChanged":
      return { ...base, members: updateMember(s, e.userId, { role: e.role }) };
    case "phase.changed":
      return { ...base, phase: e.to, phaseSince: r.at };
    default:
      return base;
  }
}

/** The state after every event numbered up to `upToSeq` (all of them by default), in log order. */
export function replayMeeting(events: readonly RecordedEvent[], upToSeq?: number): MeetingState {
  let s = initialMeetingState();
  for (const r of events) {
    if (upToSeq !== undefined && r.seq > upToSeq) break;
    s = applyMeetingEvent(s, r);
  }
  return s;
}
