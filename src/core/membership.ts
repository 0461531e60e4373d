import type { MeetingEvent } from "./events";
import type { MemberRole } from "./roles";
import type { Action } from "./permissions";
import { refuse } from "./errors";
import { removeFromFloor, type TokenState } from "./tokens/engine";

// Who is in a meeting, and as what: joining, leaving, changing roles. Each command reads the
// members (and the token, which leavers and new observers give up) and returns the events that
// follow, or throws; the permission table has already said the actor may try.

export interface Member {
  userId: string;
  role: MemberRole;
  /** False once the member has left (the row stays: the log still names them). */
  active: boolean;
}

interface Membership {
  members: readonly Member[];
  token: TokenState;
}

/** The role of an active member, or null for anyone else (including members who left). */
export function activeRole(members: readonly Member[], userId: string | undefined): MemberRole | null {
  return members.find((m) => m.userId === userId && m.active)?.role ?? null;
}

const isOnlyFacilitator = (members: readonly Member[], userId: string) => {
  const facilitators = members.filter((m) => m.active && m.role === "FACILITATOR");
  return facilitators.length === 1 && facilitators[0].userId === userId;
};

/**
 * Opening the invite link: a member is only looking at their meeting again ("meeting.view");
 * anyone else asks to join ("meeting.join").
 */
export const joinAction = (members: readonly Member[], userId: string): Action =>
  activeRole(members, userId) ? "meeting.view" : "meeting.join";

/** Newcomers join as participants; joining twice changes nothing. */
export function join(members: readonly Member[], userId: string): MeetingEvent[] {
  return activeRole(members, userId) ? [] : [{ type: "member.joined", userId, role: "PARTICIPANT" }];
}

/** Leaving gives up the floor; the only facilitator may not leave others without one. */
export function leave(meeting: Membership, userId: string): MeetingEvent[] {
  const others = meeting.members.some((m) => m.active && m.userId !== userId);
  if (others && isOnlyFacilitator(meeting.members, userId)) {
    throw refuse("LAST_FACILITATOR_LEAVING");
  }
  return [...removeFromFloor(meeting.token, userId, "left"), { type: "member.left", userId }];
}

/** A meeting keeps at least one facilitator; observers never hold or wait for the token. */
export function changeRole(meeting: Membership, userId: string, role: MemberRole): MeetingEvent[] {
  const current = activeRole(meeting.members, userId);
  if (!current) throw refuse("MEMBER_NOT_FOUND");
  if (current === role) return [];
  if (isOnlyFacilitator(meeting.members, userId)) {
    throw refuse("LAST_FACILITATOR");
  }
  const floor = role === "OBSERVER" ? removeFromFloor(meeting.token, userId, "demoted") : [];
  return [...floor, { type: "member.roleChanged", userId, role }];
}
