import type { Caller } from "@/server/deps";
import { giveFeedback as give } from "@/core/feedback";
import { runCommand } from "./event-log";
import { loadRaters } from "./governance-state";

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
