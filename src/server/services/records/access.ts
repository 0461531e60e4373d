import type { Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/session";
import type { Action } from "@/core/permissions";
import { denial } from "@/core/permissions";
import type { ActorKind } from "@/core/roles";
import { refuse } from "@/core/errors";
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
  if (!actor) throw refuse("SIGN_IN");
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
      throw refuse("SIGN_IN_FOR_RECORD");
    case "PHASE":
      throw refuse("RECORD_AFTER_CLOSE");
    case "ROLE":
      throw refuse("RECORD_MEMBERS_ONLY");
  }
}
