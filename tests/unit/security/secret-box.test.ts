import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createSecretBox,
  generateKeyEntry,
  loadOrCreateLocalKeyring,
  parseKeyring,
  resolveKeyring,
  SecretBoxError,
} from "@/server/security/secret-box";

const K1 = generateKeyEntry("k1");
const K2 = generateKeyEntry("k2");
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** Decodes one base64url segment of a box, lets `edit` change its bytes, and re-encodes. */
function editSegment(box: string, index: 2 | 3 | 4, edit: (bytes: Buffer) => void): string {
  const parts = box.split(".");
  const bytes = Buffer.from(parts[index], "base64url");
  edit(bytes);
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

function expectError(fn: () => unknown, code: SecretBoxError["code"], message?: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    expect((error as SecretBoxError).code).toBe(code);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected a SecretBoxError(${code})`);
}

describe("parseKeyring", () => {
  it("takes the first key as current and keeps all for decryption", () => {
    const ring = parseKeyring(` ${K2} , ${K1} `);
    expect(ring.currentId).toBe("k2");
    expect([...ring.keys.keys()]).toEqual(["k2", "k1"]);
    expect(ring.keys.get("k1")).toHaveLength(32);
  });

  it("accepts standard base64 with padding as well as base64url", () => {
    const raw = Buffer.alloc(32, 0xfb); // encodes with + and / in standard base64
    const ring = parseKeyring(`a:${raw.toString("base64")},b:${raw.toString("base64url")}`);
    expect(ring.keys.get("a")).toEqual(raw);
    expect(ring.keys.get("b")).toEqual(raw);
  });

  it.each([
    ["", /empty/],
    ["   ", /empty/],
    [`k1:${Buffer.alloc(16).toString("base64")}`, /must be 32 bytes, got 16/],
    [`k1:${Buffer.alloc(33).toString("base64")}`, /must be 32 bytes, got 33/],
    ["k1:not base64!!", /not valid base64/],
    [Buffer.alloc(32).toString("base64"), /<keyId>:<base64 key>/],
    [`bad.id:${Buffer.alloc(32).toString("base64")}`, /key id must be 1-32 characters/],
    [`${K1},${K1}`, /appears twice/],
    [`${K1},`, /<keyId>:<base64 key>/],
  ])("refuses %j with a clear message", (text, message) => {
    expectError(() => parseKeyring(text), "keyring", message);
  });

  it("never echoes key material in its messages", () => {
    const short = Buffer.alloc(20, 7).toString("base64");
    try {
      parseKeyring(`k1:${short}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
  });
});

describe("secret box", () => {
  const box = createSecretBox(parseKeyring(K1));

  it("round-trips, with a self-describing format and a fresh IV each time", () => {
    const sealed = box.encrypt(SECRET, "user-1");
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain(SECRET);
    expect(box.decrypt(sealed, "user-1")).toBe(SECRET);
    expect(box.encrypt(SECRET, "user-1")).not.toBe(sealed);
    expect(box.decrypt(box.encrypt("", "u"), "u")).toBe("");
    expect(box.decrypt(box.encrypt("é 🔑 ü"))).toBe("é 🔑 ü");
  });

  it("treats a missing aad as the empty aad", () => {
    expect(box.decrypt(box.encrypt(SECRET), "")).toBe(SECRET);
  });

  it.each([
    ["iv", 2],
    ["ciphertext", 3],
    ["tag", 4],
  ] as const)("refuses a value whose %s has one bit changed", (_name, index) => {
    const sealed = box.encrypt(SECRET, "user-1");
    for (const at of [0, 5]) {
      const tampered = editSegment(sealed, index, (bytes) => {
        bytes[at % bytes.length] ^= 0x01;
      });
      expectError(() => box.decrypt(tampered, "user-1"), "auth-failed", /authentication failed/);
    }
  });

  it("refuses every single changed ciphertext byte", () => {
    const sealed = box.encrypt(SECRET, "user-1");
    const length = Buffer.from(sealed.split(".")[3], "base64url").length;
    for (let at = 0; at < length; at++) {
      const tampered = editSegment(sealed, 3, (bytes) => {
        bytes[at] ^= 0x80;
      });
      expectError(() => box.decrypt(tampered, "user-1"), "auth-failed");
    }
  });

  it("refuses truncated or extended values, and non-canonical base64url", () => {
    const sealed = box.encrypt(SECRET, "user-1");
    expectError(() => box.decrypt(editSegment(sealed, 3, () => {}).slice(0, -1), "user-1"), "malformed");
    expectError(() => box.decrypt(`${sealed}.x`, "user-1"), "malformed");
    expectError(() => box.decrypt(sealed.replace(/^v1/, "v2"), "user-1"), "malformed");
    expectError(() => box.decrypt("hello", "user-1"), "malformed");
    // A 16-byte tag is 22 characters whose last carries 4 unused bits: editing only those must fail too.
    const parts = sealed.split(".");
    const last = parts[4].at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBits = alphabet[(alphabet.indexOf(last) & ~0x0f) | ((alphabet.indexOf(last) + 1) & 0x0f)];
    parts[4] = parts[4].slice(0, -1) + sameBits;
    expect(Buffer.from(parts[4], "base64url")).toEqual(Buffer.from(sealed.split(".")[4], "base64url"));
    expectError(() => box.decrypt(parts.join("."), "user-1"), "malformed");
    // A shortened tag must not be accepted as a weaker tag.
    const shortTag = editSegment(sealed, 4, () => {}).split(".");
    shortTag[4] = Buffer.from(shortTag[4], "base64url").subarray(0, 12).toString("base64url");
    expectError(() => box.decrypt(shortTag.join("."), "user-1"), "malformed");
  });

  it("refuses the wrong associated data (a secret copied onto another user)", () => {
    const sealed = box.encrypt(SECRET, "user-1");
    expectError(() => box.decrypt(sealed, "user-2"), "auth-failed");
    expectError(() => box.decrypt(sealed), "auth-failed");
  });

  it("refuses an unknown key id, naming it", () => {
    const other = createSecretBox(parseKeyring(generateKeyEntry("k9")));
    expectError(() => box.decrypt(other.encrypt(SECRET)), "unknown-key", /"k9"/);
  });

  it("refuses a value relabelled with another key id of the ring", () => {
    const ring = createSecretBox(parseKeyring(`${K2},${K1}`));
    const sealed = ring.encrypt(SECRET);
    expectError(() => ring.decrypt(sealed.replace(/^v1\.k2\./, "v1.k1.")), "auth-failed");
  });

  it("refuses a key ring whose current key is missing", () => {
    expectError(() => createSecretBox({ currentId: "k3", keys: new Map() }), "keyring");
  });
});

describe("key rotation", () => {
  const before = createSecretBox(parseKeyring(K1));
  const after = createSecretBox(parseKeyring(`${K2},${K1}`));

  it("seals under the new key while old values still open", () => {
    const old = before.encrypt(SECRET, "user-1");
    expect(after.decrypt(old, "user-1")).toBe(SECRET);
    expect(after.encrypt(SECRET, "user-1")).toMatch(/^v1\.k2\./);
  });

  it("re-encrypts old values under the current key", () => {
    const old = before.encrypt(SECRET, "user-1");
    expect(after.needsRotation(old)).toBe(true);
    const rotated = after.rotate(old, "user-1");
    expect(rotated).toMatch(/^v1\.k2\./);
    expect(after.needsRotation(rotated)).toBe(false);
    expect(after.decrypt(rotated, "user-1")).toBe(SECRET);
    // Once the old key is dropped, only the rotated value still opens.
    const k2Only = createSecretBox(parseKeyring(K2));
    expect(k2Only.decrypt(rotated, "user-1")).toBe(SECRET);
    expectError(() => k2Only.decrypt(old, "user-1"), "unknown-key");
  });

  it("leaves current values as they are, but still authenticates them", () => {
    const current = after.encrypt(SECRET, "user-1");
    expect(after.rotate(current, "user-1")).toBe(current);
    expectError(() => after.rotate(current, "user-2"), "auth-failed");
    expectError(() => after.rotate(before.encrypt(SECRET, "user-1"), "user-2"), "auth-failed");
  });
});

describe("local keyring file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orchestrasec-keyring-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates a random key file with mode 600 once, then reuses it", () => {
    const keyDir = path.join(dir, "data");
    const first = loadOrCreateLocalKeyring(keyDir);
    const file = path.join(keyDir, "secrets-keyring");
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateLocalKeyring(keyDir);
    expect(again.currentId).toBe(first.currentId);
    expect(again.keys.get(again.currentId)).toEqual(first.keys.get(first.currentId));
    // The file holds a keyring string that can be moved into SECRETS_KEYRING as is.
    expect(parseKeyring(readFileSync(file, "utf8")).keys.get(first.currentId)).toEqual(
      first.keys.get(first.currentId),
    );
    const sealed = createSecretBox(first).encrypt(SECRET);
    expect(createSecretBox(again).decrypt(sealed)).toBe(SECRET);
  });

  it("uses the configured keyring when there is one, without touching the directory", () => {
    const untouched = path.join(dir, "untouched");
    expect(resolveKeyring(K2, untouched).currentId).toBe("k2");
    expect(() => statSync(untouched)).toThrow();
    expect(resolveKeyring(undefined, untouched).currentId).toBe("local1");
    expect(resolveKeyring("  ", untouched).currentId).toBe("local1");
  });
});
