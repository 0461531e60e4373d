import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";

/**
 * One-time recovery codes, shown once and stored only as hashes.
 *
 * A code is 10 characters of Crockford's base32 (`0-9 a-z` without i, l, o, u), shown as
 * `xxxxx-xxxxx`: 5 bits per character, 50 bits per code. Input is forgiving the way Crockford
 * intends: case, spaces, dashes and underscores are ignored, and o -> 0, i/l -> 1, so a code
 * misread from paper still matches.
 *
 * Hash: scrypt with a per-code random salt and light parameters (N = 2^12, r = 8: 4 MiB, about
 * 10 ms on an idle core). A fast salted hash would stop precomputation, but a GPU computing
 * ~10^10 SHA-256/s walks the 2^50 codes of one leaked hash in about a day; at this scrypt cost it
 * takes years, while matching a set of ten stays around 50-100 ms (the ten run in parallel on
 * libuv's pool). Far lighter than passwords (auth/password.ts) because the input is random, not
 * chosen by a person. Stored format, versioned so parameters can change:
 *
 *   rc1$<salt, base64url>$<hash, base64url>
 */

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // 32 symbols: one per 5 bits, no modulo bias
const CODE_LENGTH = 10;
const GROUP = 5;
const HASH_VERSION = "rc1";
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const SCRYPT = { N: 2 ** 12, r: 8, p: 1 } as const;
const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_CODE_BITS = CODE_LENGTH * Math.log2(ALPHABET.length);

function randomCode(): string {
  let raw = "";
  for (const byte of randomBytes(CODE_LENGTH)) raw += ALPHABET[byte & 31];
  return formatRecoveryCode(raw);
}

/** `abcde12345` -> `abcde-12345`. */
function formatRecoveryCode(normalised: string): string {
  return `${normalised.slice(0, GROUP)}-${normalised.slice(GROUP)}`;
}

/** Canonical form (10 lowercase symbols, no separators), or null if it cannot be a code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input
    .toLowerCase()
    .replace(/[\s_-]/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}

/** `n` distinct fresh codes, formatted `xxxxx-xxxxx`, to show the user once. */
export function generateRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(randomCode()); // a repeat has odds 2^-50: the loop is a formality
  return [...codes];
}

function scrypt(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(code, salt, HASH_BYTES, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** The stored form of one code; throws if `code` is not a recovery code. */
export async function hashRecoveryCode(code: string): Promise<string> {
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) throw new Error("Not a recovery code (expected 10 characters like abcde-12345)");
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(normalised, salt);
  return [HASH_VERSION, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

function parseHash(stored: string): { salt: Buffer; hash: Buffer } {
  const [version, salt, hash, ...rest] = stored.split("$");
  const parsed = {
    salt: Buffer.from(salt ?? "", "base64url"),
    hash: Buffer.from(hash ?? "", "base64url"),
  };
  if (
    version !== HASH_VERSION ||
    rest.length ||
    parsed.salt.length !== SALT_BYTES ||
    parsed.hash.length !== HASH_BYTES
  ) {
    // A corrupted row is a bug to see, not a code to silently skip.
    throw new Error("Malformed recovery code hash");
  }
  return parsed;
}

/**
 * Index in `hashes` of the hash that `code` matches, or -1. Pass only unused hashes (or null in
 * the slots of used ones); the caller removes the matched hash in the same transaction that
 * accepts the sign-in, which makes each code single-use. Every hash is computed and compared in
 * constant time, so timing does not tell which slot matched.
 */
export async function matchRecoveryCode(
  code: string,
  hashes: readonly (string | null | undefined)[],
): Promise<number> {
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return -1;
  const results = await Promise.all(
    hashes.map(async (stored) => {
      if (!stored) return false;
      const { salt, hash } = parseHash(stored);
      return timingSafeEqual(await scrypt(normalised, salt), hash);
    }),
  );
  return results.indexOf(true);
}
