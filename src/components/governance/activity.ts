import type { RoomEnvelope as EventEnvelope } from "@/core/room/envelope";
import { isFinalPhase } from "@/core/phases/machine";
import { PHASES } from "@/core/phases/phase";

const quote = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Activity-feed wording of the governance events: the message key under "room.activity" and the
 * values it needs (the generic ones, actor/subject/role/phase, are added by the feed). Null for
 * events the feed words itself.
 */
export function governanceActivity(
  e: EventEnvelope["event"],
): { key: string; values: Record<string, string> } | null {
  switch (e.type) {
    case "phase.changed":
      if (isFinalPhase(e.to)) return { key: "phase.closed", values: {} };
      return PHASES.indexOf(e.to) < PHASES.indexOf(e.from)
        ? { key: "phase.steppedBack", values: { reason: e.reason ?? "" } }
        : null;
    case "idea.posted":
    case "idea.revised":
      return { key: e.type, values: { text: quote(e.text) } };
    case "comment.posted":
      return { key: `comment.posted.${e.kind}`, values: { text: quote(e.text) } };
    case "proposal.opened":
      return { key: e.type, values: { title: quote(e.title) } };
    case "proposal.closed":
      return { key: `proposal.closed.${e.tally.outcome}`, values: { title: quote(e.title) } };
    case "vote.cast":
      return { key: e.secrecy === "open" && e.previousOptionId ? "vote.changed" : "vote.cast", values: {} };
    case "feedback.given":
      // Ratings reach others without who gave them (core/room/disclose.ts).
      return { key: e.userId === null ? "feedback.givenAnonymously" : e.type, values: {} };
    default:
      return null;
  }
}
