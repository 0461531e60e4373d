import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson, type Canonicalizable } from "./canonical";

// The exported record of a meeting (the JSON download), and what its signature covers.
//
//   digest    = SHA-256 over the canonical JSON of the whole bundle except `signature.digest`
//               and `signature.value` (so the key id and key URL are covered too)
//   signed    = canonical JSON of { context, meetingId, head, digest }
//   signature = Ed25519(server key, signed), base64
//
// So the signature vouches for the chain head (and, through the chain, every event) and for
// everything else in the file (meeting metadata, names, export facts) through the digest.
// The file is written in one fixed layout (sorted keys, two-space indent), so that a changed byte
// is noticed even where it would not change the parsed value (see bundleLayout).

export const BUNDLE_FORMAT = "orchestrasec.record/v1";
const SIGNATURE_CONTEXT = "orchestrasec.record.signature/v1";

const json: z.ZodType<Canonicalizable> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]),
);

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 hex digest");
const isoTime = z.iso.datetime({ offset: false, precision: 3 });

const bundleEventSchema = z.object({
  seq: z.number().int().positive(),
  at: isoTime,
  actorId: z.string().nullable(),
  type: z.string().min(1),
  /** The event's payload (everything but its type), as hashed. */
  data: z.record(z.string(), json),
  prevHash: sha256Hex,
  hash: sha256Hex,
});

const head = z.object({ seq: z.number().int().positive(), hash: sha256Hex }).nullable();

export const recordBundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  meeting: z.object({
    id: z.string().min(1),
    title: z.string(),
    description: z.string(),
    phase: z.string(),
    createdAt: isoTime,
    createdBy: z.string(),
    members: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        role: z.string(),
        joinedAt: isoTime,
        leftAt: isoTime.nullable(),
      }),
    ),
  }),
  /** Everyone the log names (members, and staff who acted), so a reader can put names on ids. */
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  /** This download: it is also the last event of the log (record.exported). */
  exported: z.object({ at: isoTime, by: z.string(), seq: z.number().int().positive() }),
  chain: z.object({
    algorithm: z.literal("SHA-256"),
    genesis: sha256Hex,
    head,
    count: z.number().int().nonnegative(),
  }),
  events: z.array(bundleEventSchema),
  signature: z.object({
    algorithm: z.literal("Ed25519"),
    keyId: z.string(),
    /** Where the server publishes its public keys (verify with a copy you trust, not this URL alone). */
    publicKeyUrl: z.string().optional(),
    digest: sha256Hex,
    /** Base64 of the 64-byte Ed25519 signature. */
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, "a base64 Ed25519 signature"),
  }),
});

export type RecordBundle = z.infer<typeof recordBundleSchema>;
/** The bundle before signing: the signature member without its digest and value. */
export type UnsignedBundle = Omit<RecordBundle, "signature"> & {
  signature: Omit<RecordBundle["signature"], "digest" | "value">;
};
type ChainHeadRef = RecordBundle["chain"]["head"];

/** SHA-256 (hex) of the canonical JSON of the bundle minus the signature's digest and value. */
export function bundleDigest(bundle: UnsignedBundle | RecordBundle): string {
  const { digest: _digest, value: _value, ...signature } = bundle.signature as RecordBundle["signature"];
  return createHash("sha256")
    .update(canonicalJson({ ...bundle, signature } as unknown as Canonicalizable), "utf8")
    .digest("hex");
}

/** The exact text the server signs. */
export function signedMessage(meetingId: string, chainHead: ChainHeadRef, digest: string): string {
  return canonicalJson({ context: SIGNATURE_CONTEXT, meetingId, head: chainHead, digest });
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortKeysDeep(obj[k])]),
    );
  }
  return value;
}

/** The one layout a bundle file is written in: sorted keys, two-space indent, final newline. */
export function bundleLayout(bundle: unknown): string {
  return `${JSON.stringify(sortKeysDeep(bundle), null, 2)}\n`;
}
