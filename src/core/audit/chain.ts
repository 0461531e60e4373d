import { createHash } from "node:crypto";
import { canonicalJson, type Canonicalizable } from "./canonical";
import type { RecordedEvent } from "../events";

// Each meeting's events form a hash chain: hash = SHA-256(prevHash || canonical JSON of the event).

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The value the first event of a meeting chains to. */
export function genesisHash(meetingId: string): string {
  return sha256(`orchestrasec:genesis:${meetingId}`);
}

/** The exact content an event's hash covers. */
function hashedContent(r: RecordedEvent): string {
  const { type, ...data } = r.event;
  return canonicalJson({
    meetingId: r.meetingId,
    seq: r.seq,
    at: r.at,
    actorId: r.actorId,
    type,
    data: data as Canonicalizable,
  });
}

export function chainHash(prevHash: string, r: RecordedEvent): string {
  return sha256(prevHash + hashedContent(r));
}

/**
 * One link of any of the app's hash chains (meeting logs above, the admin log in
 * core/admin-audit): SHA-256(prevHash ‖ canonical JSON of what the link records).
 */
export function linkHash(prevHash: string, content: Canonicalizable): string {
  return sha256(prevHash + canonicalJson(content));
}

/** The value the first link of a named chain (not a meeting's) points to. */
export function chainGenesis(chainName: string): string {
  return sha256(`orchestrasec:genesis:chain:${chainName}`);
}
