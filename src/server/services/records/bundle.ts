import type { AuditRow } from "@/core/audit/rows";
import { genesisHash } from "@/core/audit/chain";
import {
  BUNDLE_FORMAT,
  bundleDigest,
  bundleLayout,
  signedMessage,
  type RecordBundle,
  type UnsignedBundle,
} from "@/core/audit/bundle";
import { signText } from "@/core/audit/signing";
import type { SigningKey } from "@/server/security/signing-key";
import type { MeetingSnapshot } from "../snapshot";
import type { People } from "./people";

// The JSON record: every event with its hashes, the chain head, the meeting's metadata, signed.

interface BundleInput {
  snap: MeetingSnapshot;
  createdById: string;
  /** Membership rows, left members included. */
  members: { userId: string; name: string; role: string; joinedAt: Date; leftAt: Date | null }[];
  people: People;
  rows: readonly AuditRow[];
  exported: { at: Date; by: string; seq: number };
  head: { seq: number; hash: string } | null;
  key: SigningKey;
  keyUrl?: string;
}

function dataOf(row: AuditRow): RecordBundle["events"][number]["data"] {
  try {
    return JSON.parse(row.payload);
  } catch {
    // Kept as found: the chain check offline will point at this row.
    return { unreadablePayload: row.payload };
  }
}

export function buildBundle(input: BundleInput): RecordBundle {
  const { snap } = input;
  const unsigned: UnsignedBundle = {
    format: BUNDLE_FORMAT,
    meeting: {
      id: snap.id,
      title: snap.title,
      description: snap.description,
      phase: snap.phase,
      createdAt: snap.createdAt.toISOString(),
      createdBy: input.createdById,
      members: input.members.map((m) => ({
        userId: m.userId,
        name: m.name,
        role: m.role,
        joinedAt: m.joinedAt.toISOString(),
        leftAt: m.leftAt?.toISOString() ?? null,
      })),
    },
    people: input.people.list,
    exported: { at: input.exported.at.toISOString(), by: input.exported.by, seq: input.exported.seq },
    chain: {
      algorithm: "SHA-256",
      genesis: genesisHash(snap.id),
      head: input.head,
      count: input.rows.length,
    },
    signature: {
      algorithm: "Ed25519",
      keyId: input.key.keyId,
      ...(input.keyUrl ? { publicKeyUrl: input.keyUrl } : {}),
    },
    events: input.rows.map((row) => ({
      seq: row.seq,
      at: row.at.toISOString(),
      actorId: row.actorId,
      type: row.type,
      data: dataOf(row),
      prevHash: row.prevHash,
      hash: row.hash,
    })),
  };
  const digest = bundleDigest(unsigned);
  return {
    ...unsigned,
    signature: {
      ...unsigned.signature,
      digest,
      value: signText(input.key.privateKey, signedMessage(snap.id, input.head, digest)),
    },
  };
}

export const bundleText = (bundle: RecordBundle) => bundleLayout(bundle);
