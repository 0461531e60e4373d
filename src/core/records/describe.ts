import { firstStr, num, obj, payloadOf, str, type Payload } from "./payload";

// A readable one-line summary of any event, as a message key and its values, so the CSV and the
// PDF can render it in the reader's language. Keyed by event type; a type without a describer
// (added later, or unknown) still gets a summary: its type and its fields.

export type Values = Record<string, string | number>;
export interface Description {
  /** Message key under the "records" namespace, e.g. "events.token.granted". */
  key: string;
  values: Values;
}

/** Display name of a user id (the record's people list). */
export type NameOf = (userId: string | null | undefined) => string;

interface DescribableEvent {
  type: string;
  actorId: string | null;
  /** The payload: every field but the type. */
  data: object;
}

type Describer = (p: Payload, name: NameOf, actorId?: string | null) => Values;

const subject: Describer = (p, name) => ({ subject: name(str(p, "userId")) });
const withReason: Describer = (p, name) => ({ ...subject(p, name), reason: str(p, "reason") ?? "" });
const optionalReason: Describer = (p, name) => ({
  ...withReason(p, name),
  hasReason: str(p, "reason") ? "yes" : "no",
});
/** The people an override passed over, by name. */
const skippedNames = (p: Payload, name: NameOf) => {
  const ids = p.skipped;
  return Array.isArray(ids) ? ids.map((id) => name(typeof id === "string" ? id : null)).join(", ") : "";
};
const quote = (text: string | null, max = 120) =>
  text === null ? "" : text.length > max ? `${text.slice(0, max - 1)}…` : text;

const DESCRIBERS: Record<string, Describer> = {
  "meeting.created": (p) => ({ title: str(p, "title") ?? "" }),
  "meeting.configured": (p) => {
    const limit = num(p, "turnLimitSec");
    return { limited: limit === null ? "no" : "yes", seconds: limit ?? 0 };
  },
  "member.joined": (p, name) => ({ ...subject(p, name), role: str(p, "role") ?? "" }),
  "member.left": subject,
  "member.roleChanged": (p, name) => ({ ...subject(p, name), role: str(p, "role") ?? "" }),
  "phase.changed": (p) => ({
    from: str(p, "from") ?? "",
    to: str(p, "to") ?? "",
    hasReason: str(p, "reason") ? "yes" : "no",
    reason: str(p, "reason") ?? "",
  }),
  "token.requested": subject,
  "token.withdrawn": withReason,
  "token.granted": withReason,
  "token.released": withReason,
  // A fair floor: every override names who was passed over, and why.
  "floor.policySet": (p) => ({ from: str(p, "from") ?? "", to: str(p, "to") ?? "" }),
  "floor.pointRaised": withReason,
  "floor.pointGranted": subject,
  "floor.pointDeclined": (p, name) => optionalReason(p, name),
  "floor.pointWithdrawn": withReason,
  "floor.reordered": (p, name) => ({
    ...optionalReason(p, name),
    direction: str(p, "direction") ?? "",
    from: num(p, "from") ?? 0,
    to: num(p, "to") ?? 0,
    skipped: skippedNames(p, name),
  }),
  "floor.grantedOutOfOrder": (p, name) => ({
    ...optionalReason(p, name),
    position: num(p, "position") ?? 0,
    skipped: skippedNames(p, name),
  }),
  "video.joined": subject,
  "video.left": subject,
  "video.muted": subject,
  "video.micPolicySet": (p) => ({ policy: str(p, "policy") ?? "" }),
  "record.exported": (p) => ({ format: (str(p, "format") ?? "").toUpperCase() }),
  // Governance events: read tolerantly, by field name.
  "idea.posted": (p, name, actorId) => ({
    author: name(firstStr(p, "authorId", "userId") ?? actorId ?? null),
    text: quote(firstStr(p, "text", "title")),
  }),
  "idea.revised": (p) => ({ text: quote(firstStr(p, "text", "title")), revision: num(p, "revision") ?? 0 }),
  "comment.posted": (p) => ({
    kind: str(p, "kind") ?? "comment",
    text: quote(firstStr(p, "text", "comment")),
  }),
  "proposal.opened": (p) => ({ title: quote(firstStr(p, "title")) }),
  "proposal.closed": (p) => ({
    title: quote(firstStr(p, "title")),
    outcome: firstStr(p, "outcome") ?? str(obj(p, "tally") ?? {}, "outcome") ?? "",
  }),
  // An open ballot shows the choice; a secret one has none to show.
  "vote.cast": (p, name) => ({
    subject: name(firstStr(p, "userId")),
    secrecy: str(p, "secrecy") ?? "",
    option: str(p, "optionId") ?? "",
  }),
  "feedback.given": (p, name) => ({ subject: name(str(p, "userId")), rating: num(p, "rating") ?? 0 }),
};

/** Event types with a dedicated message (each needs `events.<type>` in every locale). */
export const DESCRIBED_TYPES = Object.keys(DESCRIBERS);

/** Fields of an unknown event, user ids replaced by names: `text="…", userId=Ana`. */
function fields(p: Payload, name: NameOf): string {
  return Object.keys(p)
    .sort()
    .map((k) => {
      const v = p[k];
      if (typeof v === "string") return `${k}=${/Id$/.test(k) ? name(v) : JSON.stringify(quote(v, 60))}`;
      return `${k}=${JSON.stringify(v)}`;
    })
    .join(", ");
}

export function describeEvent(e: DescribableEvent, name: NameOf): Description {
  const p = payloadOf(e.data);
  const actor = e.actorId ? name(e.actorId) : "";
  const describe = DESCRIBERS[e.type];
  return describe
    ? { key: `events.${e.type}`, values: { actor, ...describe(p, name, e.actorId) } }
    : { key: "events.other", values: { actor, type: e.type, fields: fields(p, name) } };
}
