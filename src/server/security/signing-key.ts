import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { SecretBox } from "./secret-box";
import { SIGNATURE_ALGORITHM, ed25519PublicKey, keyIdOf } from "@/core/audit/signing";

// The server's Ed25519 signing key for exported records. Stored in the ServerKey table: the
// public key in the clear, the private key sealed by the SecretBox (AES-256-GCM under
// SECRETS_KEYRING) with the key id as associated data, so a sealed key cannot be moved to another
// row. At most one key is current (a unique index); retired keys stay so old records still verify.
// Operations (README, "Signing key"): created at first start, `npm run signing-key -- rotate`
// makes a new one, `import` installs your own; `npm run secrets:reseal` re-encrypts after a
// keyring rotation.

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

interface PublishedKey {
  keyId: string;
  algorithm: string;
  publicKey: string;
  current: boolean;
  createdAt: string;
  retiredAt: string | null;
}

interface KeyDeps {
  db: Db;
  secrets: SecretBox;
}

const aadOf = (keyId: string) => `orchestrasec/server-signing-key:${keyId}`;

function rowFor(secrets: SecretBox, privateKey: KeyObject, at: Date) {
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  return {
    id: keyId,
    algorithm: SIGNATURE_ALGORITHM,
    publicKey: publicKey.export({ type: "spki", format: "pem" }) as string,
    encryptedPrivateKey: secrets.encrypt(privatePem, aadOf(keyId)),
    current: true,
    createdAt: at,
  };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

/** Opens a stored key and checks that its private half matches the public key and id on the row. */
function openKey(secrets: SecretBox, row: { id: string; encryptedPrivateKey: string }): SigningKey {
  const privateKey = createPrivateKey(secrets.decrypt(row.encryptedPrivateKey, aadOf(row.id)));
  const publicKey = createPublicKey(privateKey);
  if (keyIdOf(publicKey) !== row.id)
    throw new Error(`Signing key ${row.id}: private key does not match its id`);
  return {
    keyId: row.id,
    privateKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) as string,
  };
}

/** The current signing key, created (once, across processes) if there is none. */
export async function currentSigningKey(deps: KeyDeps, now = new Date()): Promise<SigningKey> {
  // findFirst, not findUnique: Prisma batches concurrent findUniques into an `in` query, which a
  // Boolean column does not support.
  const found = await deps.db.serverKey.findFirst({ where: { current: true } });
  if (found) return openKey(deps.secrets, found);
  const { privateKey } = generateKeyPairSync("ed25519");
  try {
    await deps.db.serverKey.create({ data: rowFor(deps.secrets, privateKey, now) });
  } catch (error) {
    // Another process created the first key meanwhile: use theirs.
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await deps.db.serverKey.findFirstOrThrow({ where: { current: true } });
  return openKey(deps.secrets, row);
}

/** Retires the current key and makes `privateKey` (default: a new one) current. */
export async function installSigningKey(
  deps: KeyDeps,
  privateKey: KeyObject = generateKeyPairSync("ed25519").privateKey,
  now = new Date(),
): Promise<string> {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("The signing key must be Ed25519");
  const row = rowFor(deps.secrets, privateKey, now);
  await deps.db.$transaction(async (tx) => {
    await tx.serverKey.updateMany({ where: { current: true }, data: { current: null, retiredAt: now } });
    const existing = await tx.serverKey.findUnique({ where: { id: row.id } });
    if (existing) {
      await tx.serverKey.update({ where: { id: row.id }, data: { current: true, retiredAt: null } });
    } else {
      await tx.serverKey.create({ data: row });
    }
  });
  return row.id;
}

/** Re-seals every stored private key under the keyring's current key; returns how many changed. */
export async function resealSigningKeys(deps: KeyDeps): Promise<number> {
  const rows = await deps.db.serverKey.findMany();
  let changed = 0;
  for (const row of rows) {
    if (!deps.secrets.needsRotation(row.encryptedPrivateKey)) continue;
    // Conditional on the value read: a concurrent change is never overwritten.
    const { count } = await deps.db.serverKey.updateMany({
      where: { id: row.id, encryptedPrivateKey: row.encryptedPrivateKey },
      data: { encryptedPrivateKey: deps.secrets.rotate(row.encryptedPrivateKey, aadOf(row.id)) },
    });
    changed += count;
  }
  return changed;
}

/** Every public key, current first: what the well-known URL publishes. */
export async function publishedKeys(db: Db): Promise<PublishedKey[]> {
  const rows = await db.serverKey.findMany({ orderBy: { createdAt: "desc" } });
  return (
    rows
      // A row whose public key does not hash to its id was edited: never publish it.
      .filter((r) => keyIdOf(ed25519PublicKey(r.publicKey)) === r.id)
      .map((r) => ({
        keyId: r.id,
        algorithm: r.algorithm,
        publicKey: r.publicKey,
        current: r.current === true,
        createdAt: r.createdAt.toISOString(),
        retiredAt: r.retiredAt?.toISOString() ?? null,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current))
  );
}
