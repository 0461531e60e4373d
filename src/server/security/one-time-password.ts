import { randomBytes } from "node:crypto";

/**
 * The first password of an account an admin creates: shown once to the admin, handed to the
 * person, and refused for anything but choosing a new password (User.mustChangePassword).
 * 16 symbols from 32 unambiguous letters and digits (80 bits, no modulo bias), grouped by four for reading aloud.
 */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's 32: no i l o u, one per 5 bits
const LENGTH = 16;

export function generateOneTimePassword(): string {
  const chars = [...randomBytes(LENGTH)].map((byte) => ALPHABET[byte & 31]);
  return chars.join("").match(/.{4}/g)!.join("-");
}
