import type { Deps } from "@/server/api/context";
import type { SessionUser } from "@/server/auth/session";
import { giveFeedback as give } from "@/core/feedback";
import { runCommandWith } from "./event-log";
import { authorize } from "./authorize";
import { loadRaters } from "./governance-state";

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
