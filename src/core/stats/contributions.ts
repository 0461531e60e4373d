import type { RecordedEvent } from "../events";

// Ideas posted and votes cast per person. Those event types belong to the governance work and may
// not be in the MeetingEvent union yet, so they are matched by their type string.

export interface Contributions {
  ideasPosted: number;
  votesCast: number;
}

const field = (r: RecordedEvent, key: string): unknown =>
  (r.event as unknown as Record<string, unknown>)[key];

/** Who an event is credited to: the named author if the payload has one, else whoever acted. */
function authorOf(r: RecordedEvent): string | null {
  const author = field(r, "authorId");
  return typeof author === "string" ? author : r.actorId;
}

export function contributions(events: readonly RecordedEvent[]): Map<string, Contributions> {
  const out = new Map<string, Contributions>();
  const of = (userId: string) => {
    let c = out.get(userId);
    if (!c) out.set(userId, (c = { ideasPosted: 0, votesCast: 0 }));
    return c;
  };
  const voted = new Set<string>();
  for (const r of events) {
    const type: string = r.event.type;
    if (type === "idea.posted") {
      const author = authorOf(r);
      if (author) of(author).ideasPosted += 1;
    } else if (type === "vote.cast" && r.actorId) {
      // One vote per proposal: changing an open vote is not voting again.
      const ballot = `${r.actorId}\u0000${String(field(r, "proposalId"))}`;
      if (!voted.has(ballot)) {
        voted.add(ballot);
        of(r.actorId).votesCast += 1;
      }
    }
  }
  return out;
}
