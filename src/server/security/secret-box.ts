import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Secrets at rest (TOTP secrets and anything else the app must be able to read back) are sealed
 * with AES-256-GCM under a key from a keyring. A sealed value is one self-describing string:
 *
 *   v1.<keyId>.<iv, base64url>.<ciphertext, base64url>.<tag, base64url>
 *
 * Keyring configuration: `SECRETS_KEYRING` (read in src/env.ts), a comma-separated list of
 * `<keyId>:<32 random bytes, base64 or base64url>`. The FIRST key seals new values; every key
 * opens values sealed under it. Production must set it (and back it up: losing the key loses
 * every sealed secret). Rotation: prepend a new key (`generateKeyEntry("k2")`), keep the old one
 * after it, re-seal stored values with `rotate()` (see `needsRotation()`), then drop the old key.
 * Without the variable, `loadOrCreateLocalKeyring()` creates a random key file so a first run
 * on a fresh machine works; nothing is ever derived from a constant or a password.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12; // the GCM standard nonce size; random per seal (2^-32 collision bound at 2^32 seals per key)
const TAG_BYTES = 16;
const VERSION = "v1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const LOCAL_KEY_FILE = "secrets-keyring";

interface Keyring {
  /** Seals new values. */
  readonly currentId: string;
  /** Every usable key by id, the current one included. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

type SecretBoxErrorCode = "keyring" | "malformed" | "unknown-key" | "auth-failed";

export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

// ---------------------------------------------------------------------------------------------
// Keyring parsing

/** Decodes base64 or base64url, refusing anything that does not re-encode to the same text. */
function decodeStrictBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const url = text.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const bytes = Buffer.from(url, "base64url");
  return bytes.toString("base64url") === url ? bytes : null;
}

/** One `<keyId>:<base64 key>` entry, or why it is not one. */
function parseEntry(entry: string): { id: string; key: Buffer } | string {
  const colon = entry.indexOf(":");
  if (colon < 0) return 'expected "<keyId>:<base64 key>"';
  const id = entry.slice(0, colon).trim();
  // The bad id is not echoed: it could be a pasted key.
  if (!KEY_ID.test(id)) return "key id must be 1-32 characters of A-Z a-z 0-9 _ -";
  const key = decodeStrictBase64(entry.slice(colon + 1).trim());
  if (!key) return `key "${id}" is not valid base64`;
  if (key.length !== KEY_BYTES) return `key "${id}" must be ${KEY_BYTES} bytes, got ${key.length}`;
  return { id, key };
}

/** Zod schema for the keyring string (usable in src/env.ts). Messages never include key material. */
const keyringSchema = z
  .string()
  .trim()
  .min(1, 'keyring is empty: expected "<keyId>:<base64 32-byte key>[,<keyId>:<key>...]"')
  .transform((text, ctx): Keyring => {
    const keys = new Map<string, Buffer>();
    const entries = text.split(",");
    entries.forEach((entry, i) => {
      const parsed = parseEntry(entry.trim());
      const where = entries.length > 1 ? `entry ${i + 1}: ` : "";
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: where + parsed });
      else if (keys.has(parsed.id))
        ctx.addIssue({
          code: "custom",
          message: `${where}key id "${parsed.id}" appears twice`,
        });
      else keys.set(parsed.id, parsed.key);
    });
    // Map keeps insertion order, so the first valid entry is the current key.
    return { currentId: keys.keys().next().value ?? "", keys };
  });

/** Parses `k2:<base64>,k1:<base64>`; throws a SecretBoxError("keyring") saying what is wrong. */
export function parseKeyring(text: string): Keyring {
  const parsed = keyringSchema.safeParse(text);
  if (!parsed.success) {
    throw new SecretBoxError("keyring", `Invalid secrets keyring: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** A fresh `<id>:<base64url key>` entry, to prepend to the keyring when rotating. */
export function generateKeyEntry(id: string): string {
  if (!KEY_ID.test(id))
    throw new SecretBoxError("keyring", `key id "${id}" must be 1-32 characters of A-Z a-z 0-9 _ -`);
  return `${id}:${randomBytes(KEY_BYTES).toString("base64url")}`;
}

/**
 * For machines without SECRETS_KEYRING (development, a first run): reads `<dir>/secrets-keyring`,
 * creating it with one random key (mode 600) if missing. The file holds a keyring string, so it
 * can later be moved into SECRETS_KEYRING as is. Production should set the variable instead.
 */
export function loadOrCreateLocalKeyring(dir: string): Keyring {
  const file = path.join(dir, LOCAL_KEY_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // "wx": never overwrite a key file another process created first (that would orphan secrets).
    writeFileSync(file, `${generateKeyEntry("local1")}\n`, {
      mode: 0o600,
      flag: "wx",
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  try {
    return parseKeyring(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SecretBoxError("keyring", `Cannot use local key file ${file}: ${reason}`);
  }
}

/** SECRETS_KEYRING when configured, else the local key file under `fallbackDir`. */
export function resolveKeyring(configured: string | undefined, fallbackDir: string): Keyring {
  return configured && configured.trim() ? parseKeyring(configured) : loadOrCreateLocalKeyring(fallbackDir);
}

// ---------------------------------------------------------------------------------------------
// Sealing

export interface SecretBox {
  /** Seals `plaintext` under the current key; `aad` (e.g. the owner's user id) must match to open. */
  encrypt(plaintext: string, aad?: string): string;
  /** Opens a sealed value; throws SecretBoxError on a malformed value, unknown key, tampering or wrong aad. */
  decrypt(box: string, aad?: string): string;
  /** True when the value was sealed under a key other than the current one. */
  needsRotation(box: string): boolean;
  /** Opens and re-seals under the current key; returns the value unchanged if it already uses it. */
  rotate(box: string, aad?: string): string;
}

interface Parts {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function malformed(detail: string): SecretBoxError {
  return new SecretBoxError("malformed", `Cannot decrypt secret: malformed value (${detail})`);
}

function decodeSegment(text: string, name: string): Buffer {
  // Strict: a non-canonical encoding could otherwise hide an edit in the unused trailing bits.
  const bytes = /^[A-Za-z0-9_-]*$/.test(text) ? Buffer.from(text, "base64url") : null;
  if (!bytes || bytes.toString("base64url") !== text) throw malformed(`${name} is not base64url`);
  return bytes;
}

function parseBox(box: string): Parts {
  const segments = box.split(".");
  if (segments.length !== 5 || segments[0] !== VERSION)
    throw malformed(`expected ${VERSION}.<keyId>.<iv>.<ciphertext>.<tag>`);
  const [, keyId, iv, ciphertext, tag] = segments;
  if (!KEY_ID.test(keyId)) throw malformed("bad key id");
  const parts = {
    keyId,
    iv: decodeSegment(iv, "iv"),
    ciphertext: decodeSegment(ciphertext, "ciphertext"),
    tag: decodeSegment(tag, "tag"),
  };
  if (parts.iv.length !== IV_BYTES) throw malformed(`iv must be ${IV_BYTES} bytes`);
  if (parts.tag.length !== TAG_BYTES) throw malformed(`tag must be ${TAG_BYTES} bytes`);
  return parts;
}

/**
 * The GCM associated data: the version and key id (so the header is authenticated too) and the
 * caller's context. The key id cannot contain ":", so the concatenation is unambiguous.
 * No aad and an empty aad are the same context.
 */
function associatedData(keyId: string, aad: string | undefined): Buffer {
  return Buffer.from(`orchestrasec/secret-box/${VERSION}:${keyId}:${aad ?? ""}`, "utf8");
}

function seal(keyring: Keyring, plaintext: string, aad: string | undefined): string {
  const keyId = keyring.currentId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.keys.get(keyId)!, iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(associatedData(keyId, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const segments = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return [VERSION, keyId, ...segments].join(".");
}

function open(keyring: Keyring, box: string, aad: string | undefined): string {
  const { keyId, iv, ciphertext, tag } = parseBox(box);
  const key = keyring.keys.get(keyId);
  if (!key) {
    const known = [...keyring.keys.keys()].join(", ");
    throw new SecretBoxError(
      "unknown-key",
      `Cannot decrypt secret: key id "${keyId}" is not in the keyring (have: ${known}). Was it removed from SECRETS_KEYRING?`,
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key, iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(associatedData(keyId, aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell these apart, and saying which would not help an attacker anyway.
    throw new SecretBoxError(
      "auth-failed",
      "Cannot decrypt secret: authentication failed (value altered, wrong key, or sealed for another owner)",
    );
  }
}

export function createSecretBox(keyring: Keyring): SecretBox {
  if (!keyring.keys.has(keyring.currentId)) {
    throw new SecretBoxError("keyring", `current key "${keyring.currentId}" is not in the keyring`);
  }
  const box: SecretBox = {
    encrypt: (plaintext, aad) => seal(keyring, plaintext, aad),
    decrypt: (value, aad) => open(keyring, value, aad),
    needsRotation: (value) => parseBox(value).keyId !== keyring.currentId,
    rotate: (value, aad) => {
      const plaintext = open(keyring, value, aad); // always authenticates, even when kept as is
      return box.needsRotation(value) ? seal(keyring, plaintext, aad) : value;
    },
  };
  return box;
}
