import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import { giveFeedback as give, summarizeFeedback, type Rating } from "@/core/feedback";
import { can } from "@/core/permissions";
import { runCommandWith } from "./event-log";
import { authorize } from "./authorize";
import { loadRaters } from "./governance-state";
import { readSnapshot } from "./snapshot";

/** One rating (1..5) per member, with an optional comment. */
export async function giveFeedback(
  deps: Deps,
  actor: SessionUser,
  input: { meetingId: string; rating: number; comment?: string | null },
) {
  await runCommandWith(
    deps,
    input.meetingId,
    actor.userId,
    (tx, snap) => loadRaters(tx, snap.id),
    (snap, raters) => {
      authorize(snap, actor, "feedback.give");
      return { events: [give(raters, actor.userId, input)], result: null };
    },
  );
}

/** Count, mean, distribution and comments (without authors), for those the matrix allows. */
export async function feedbackSummary(deps: Deps, actor: SessionUser, meetingId: string) {
  const snap = await readSnapshot(deps.db, meetingId);
  authorize(snap, actor, "feedback.summary");
  const rows = await deps.db.feedback.findMany({ where: { meetingId }, orderBy: { at: "asc" } });
  const eligible = snap.members.filter((m) => m.active && can(m.role, "feedback.give", "FEEDBACK")).length;
  return {
    ...summarizeFeedback(rows.map((r) => ({ rating: r.rating as Rating, comment: r.comment }))),
    eligible,
  };
}
