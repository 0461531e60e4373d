import type { Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/session";
import type { Action } from "@/core/permissions";
import { denial } from "@/core/permissions";
import type { ActorKind } from "@/core/roles";
import { DomainError } from "@/core/errors";
import { readSnapshot, type MeetingSnapshot } from "../snapshot";
import { actorKindIn, authorize } from "../authorize";

// Who may read a meeting's record: the permission matrix decides; this only words the refusals of
// a download, which are about access (401/403), never about a state to wait for.

/** Loads the meeting and asks the matrix; throws UNAUTHORIZED / FORBIDDEN / PRECONDITION_FAILED. */
export async function authorizedSnapshot(
  db: Db,
  actor: SessionUser | null,
  meetingId: string,
  action: Action,
): Promise<{ snap: MeetingSnapshot; kind: ActorKind }> {
  if (!actor) throw new DomainError("UNAUTHORIZED", "Sign in first");
  const snap = await readSnapshot(db, meetingId);
  return { snap, kind: authorize(snap, actor, action) };
}

/** The download rule, with a message that says what would allow it. */
export function assertMayExport(snap: MeetingSnapshot, actor: SessionUser | null): void {
  const kind = actorKindIn(snap, actor);
  switch (denial(kind, "record.export", snap.phase)) {
    case null:
      return;
    case "SIGN_IN":
      throw new DomainError("UNAUTHORIZED", "Sign in to download a meeting's record");
    case "PHASE":
      throw new DomainError(
        "FORBIDDEN",
        "Members can download the meeting's record once the meeting is closed; auditors and admins can at any time",
      );
    case "ROLE":
      throw new DomainError(
        "FORBIDDEN",
        "Only the meeting's members (once it is closed), auditors and admins can download its record",
      );
  }
}
