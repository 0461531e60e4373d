import { actorKindOf, type ActorKind } from "@/core/roles";
import { assertAllowed, type Action } from "@/core/permissions";
import type { SessionUser } from "@/server/auth/session";
import { memberRole, type MeetingSnapshot } from "./snapshot";

export function actorKindIn(snap: MeetingSnapshot, actor: SessionUser | null): ActorKind {
  return actorKindOf(actor, memberRole(snap, actor?.userId));
}

/** Asks the permission matrix; throws UNAUTHORIZED / FORBIDDEN / PRECONDITION_FAILED. */
export function authorize(snap: MeetingSnapshot, actor: SessionUser | null, action: Action): ActorKind {
  const kind = actorKindIn(snap, actor);
  assertAllowed(kind, action, snap.phase);
  return kind;
}
