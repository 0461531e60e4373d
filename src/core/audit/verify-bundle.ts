import { z } from "zod";
import { canonicalJson, type Canonicalizable } from "./canonical";
import { genesisHash } from "./chain";
import { verifyChain, type VerifyResult } from "./verify";
import { recordFromRow, type AuditRow } from "./rows";
import { boardHashMismatches } from "../board/evidence";
import { bundleDigest, bundleLayout, recordBundleSchema, signedMessage, type RecordBundle } from "./bundle";
import { ed25519PublicKey, keyIdOf, verifyText } from "./signing";

// Offline verification of a downloaded record: needs the file and the server's public key, and
// nothing else (no server, no database). Every check runs, so the report names every problem.

interface BundleCheck {
  name: "layout" | "format" | "genesis" | "count" | "chain" | "board" | "digest" | "key" | "signature";
  ok: boolean;
  detail: string;
}

interface BundleVerification {
  ok: boolean;
  meetingId: string | null;
  head: RecordBundle["chain"]["head"];
  checks: BundleCheck[];
  chain: VerifyResult | null;
}

interface VerifyBundleOptions {
  /** Accept a file whose bytes were re-formatted (same JSON value, other layout). */
  allowReformatted?: boolean;
}

const rowOf = (e: RecordBundle["events"][number]): AuditRow => ({
  seq: e.seq,
  type: e.type,
  actorId: e.actorId,
  payload: canonicalJson(e.data as Canonicalizable),
  at: new Date(e.at),
  prevHash: e.prevHash,
  hash: e.hash,
});

function parse(text: string): { value: unknown; error: string | null } {
  try {
    return { value: JSON.parse(text), error: null };
  } catch (e) {
    return { value: null, error: `not JSON: ${(e as Error).message}` };
  }
}

/** Verifies a bundle file's text against a trusted public key (PEM). */
export function verifyBundle(
  text: string,
  publicKeyPem: string,
  options: VerifyBundleOptions = {},
): BundleVerification {
  const checks: BundleCheck[] = [];
  const add = (name: BundleCheck["name"], ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const done = (bundle: RecordBundle | null, chain: VerifyResult | null): BundleVerification => ({
    ok: checks.every((c) => c.ok),
    meetingId: bundle?.meeting.id ?? null,
    head: bundle?.chain.head ?? null,
    checks,
    chain,
  });

  const { value, error } = parse(text);
  if (error) {
    add("format", false, error);
    return done(null, null);
  }
  const parsed = recordBundleSchema.safeParse(value);
  if (!parsed.success) {
    add("format", false, `not an OrchestraSec record: ${z.prettifyError(parsed.error)}`);
    return done(null, null);
  }
  const bundle = parsed.data;
  add("format", true, bundle.format);

  const laidOut = bundleLayout(value) === text;
  add(
    "layout",
    laidOut || !!options.allowReformatted,
    laidOut ? "bytes exactly as exported" : "the file's bytes differ from the exported layout",
  );

  const meetingId = bundle.meeting.id;
  const genesisOk = bundle.chain.genesis === genesisHash(meetingId);
  add("genesis", genesisOk, genesisOk ? "chain starts at the meeting's genesis" : "wrong genesis value");

  const countOk = bundle.chain.count === bundle.events.length;
  add("count", countOk, `${bundle.events.length} events, the bundle says ${bundle.chain.count}`);

  const head = bundle.chain.head;
  const chain = verifyChain(
    meetingId,
    bundle.events.map(rowOf),
    head ? { lastSeq: head.seq, lastHash: head.hash } : { lastSeq: 0, lastHash: genesisHash(meetingId) },
  );
  add(
    "chain",
    chain.ok,
    chain.ok
      ? `hash chain intact through event #${head?.seq ?? 0}`
      : `broken at event #${chain.brokenAt} (${chain.reason}): ${chain.detail}`,
  );

  // What was on the board at each decision, recomputed from the record's own board events.
  const rows = bundle.events.map(rowOf);
  let board;
  try {
    board = boardHashMismatches(rows.map((row) => recordFromRow(meetingId, row)));
  } catch (e) {
    board = [{ seq: 0, recorded: "", folded: (e as Error).message }];
  }
  add(
    "board",
    board.length === 0,
    board.length === 0
      ? "every decision's board hash is the fold of the board events before it"
      : board
          .map((m) => `decision at event #${m.seq} says board ${m.recorded}, the events give ${m.folded}`)
          .join("; "),
  );

  const digest = bundleDigest(bundle);
  const digestOk = digest === bundle.signature.digest;
  add(
    "digest",
    digestOk,
    digestOk ? `digest ${digest}` : `content digest ${digest} differs from the signed one`,
  );

  let key;
  try {
    key = ed25519PublicKey(publicKeyPem);
  } catch (e) {
    add("key", false, `unusable public key: ${(e as Error).message}`);
    return done(bundle, chain);
  }
  const keyId = keyIdOf(key);
  const keyOk = keyId === bundle.signature.keyId;
  add(
    "key",
    keyOk,
    keyOk
      ? `signed by ${keyId}`
      : `the bundle names key ${bundle.signature.keyId}, the given key is ${keyId}`,
  );

  // The message is rebuilt from what was recomputed, never from what the file claims.
  const signatureOk = verifyText(key, signedMessage(meetingId, head, digest), bundle.signature.value);
  add("signature", signatureOk, signatureOk ? "Ed25519 signature valid" : "Ed25519 signature INVALID");
  return done(bundle, chain);
}
