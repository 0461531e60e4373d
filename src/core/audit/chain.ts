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
export function hashedContent(r: RecordedEvent): string {
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
