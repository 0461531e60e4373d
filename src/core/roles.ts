// Who someone is, seen from one meeting. The permission matrix is keyed by ActorKind.

export const GLOBAL_ROLES = ["ADMIN", "AUDITOR", "USER"] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export const MEMBER_ROLES = ["FACILITATOR", "PARTICIPANT", "OBSERVER"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const ACTOR_KINDS = [
  "ADMIN",
  "AUDITOR",
  "FACILITATOR",
  "PARTICIPANT",
  "OBSERVER",
  "NON_MEMBER",
  "ANONYMOUS",
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

interface Viewer {
  userId: string;
  globalRole: GlobalRole;
}

/**
 * A member acts through their meeting role; a global Admin or Auditor who is not a member acts
 * through their global role, so an admin can moderate any meeting without speaking in it.
 */
export function actorKindOf(viewer: Viewer | null, memberRole: MemberRole | null): ActorKind {
  if (!viewer) return "ANONYMOUS";
  if (memberRole) return memberRole;
  if (viewer.globalRole === "ADMIN") return "ADMIN";
  if (viewer.globalRole === "AUDITOR") return "AUDITOR";
  return "NON_MEMBER";
}
