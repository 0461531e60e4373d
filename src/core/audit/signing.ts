import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

// Ed25519 signatures over exported records. A key is named by its fingerprint, so anyone holding
// a public key can tell whether it is the one a bundle names, without trusting the bundle.

export const SIGNATURE_ALGORITHM = "Ed25519";

/** "ed25519:" + the first 32 hex digits of SHA-256 over the public key's SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: "spki", format: "der" });
  return `ed25519:${createHash("sha256").update(der).digest("hex").slice(0, 32)}`;
}

/** Reads a PEM public key, refusing anything but Ed25519. */
export function ed25519PublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`Expected an Ed25519 public key, got ${key.asymmetricKeyType ?? "an unknown key type"}`);
  }
  return key;
}

/** Ed25519 signature of a UTF-8 message, base64. */
export function signText(privateKey: KeyObject, message: string): string {
  return sign(null, Buffer.from(message, "utf8"), privateKey).toString("base64");
}

export function verifyText(publicKey: KeyObject, message: string, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64, "base64");
  // Strict: Node's decoder ignores stray characters and unused bits, which would let a changed
  // byte through. Ed25519 signatures are 64 bytes; anything else is not one.
  if (signature.length !== 64 || signature.toString("base64") !== signatureBase64) return false;
  return verify(null, Buffer.from(message, "utf8"), publicKey, signature);
}
