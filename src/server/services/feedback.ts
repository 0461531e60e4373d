import type { Caller } from "@/server/deps";
import { eligibleRaterCount, giveFeedback as give, summarizeFeedback, type Rating } from "@/core/feedback";
import { runCommand } from "./event-log";
import { authorize } from "./authorize";
import { loadRaters } from "./governance-state";
import { readSnapshot } from "./snapshot";

/** One rating (1..5) per member, with an optional comment. */
export async function giveFeedback(
  ctx: Caller,
  input: { meetingId: string; rating: number; comment?: string | null },
) {
  await runCommand(
    ctx,
    {
      meetingId: input.meetingId,
      action: "feedback.give",
      load: (tx, snap) => loadRaters(tx, snap.id),
    },
    (_snap, raters) => ({ events: [give(raters, ctx.session.userId, input)], result: null }),
  );
}

/** Count, mean, distribution and comments (without authors), for those the table allows. */
export async function feedbackSummary(ctx: Caller, meetingId: string) {
  const snap = await readSnapshot(ctx.db, meetingId);
  authorize(snap, ctx.session, "feedback.summary");
  const rows = await ctx.db.feedback.findMany({ where: { meetingId }, orderBy: { at: "asc" } });
  return {
    ...summarizeFeedback(rows.map((r) => ({ rating: r.rating as Rating, comment: r.comment }))),
    eligible: eligibleRaterCount(snap.members),
  };
}
