import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "@/server/auth/password";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores a self-describing scrypt$N$r$p$salt$hash string", async () => {
    const stored = await hashPassword("a long enough password");
    const parts = stored.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual([
      "scrypt",
      String(SCRYPT_PARAMS.N),
      String(SCRYPT_PARAMS.r),
      String(SCRYPT_PARAMS.p),
    ]);
    expect(SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(Buffer.from(parts[4], "base64url")).toHaveLength(16);
    expect(Buffer.from(parts[5], "base64url")).toHaveLength(32);
    expect(stored).not.toContain("a long enough password");
    expect(needsRehash(stored)).toBe(false);
  });

  it("uses a fresh random salt for every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password!"), hashPassword("same password!")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("same password!", a)).toBe(true);
    expect(await verifyPassword("same password!", b)).toBe(true);
  });

  it("verifies hashes made with other (older) parameters, and flags them for re-hashing", async () => {
    // Produced with N=2^14, r=8, p=1 by the same code.
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const hash = scryptSync("old password 1", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = `scrypt$16384$8$1$${salt.toString("base64url")}$${hash.toString("base64url")}`;
    expect(await verifyPassword("old password 1", stored)).toBe(true);
    expect(needsRehash(stored)).toBe(true);
  });

  it("treats malformed or abusive hash strings as a failed verification, never a crash", async () => {
    const good = await hashPassword("password1234");
    const [, , , , salt, hash] = good.split("$");
    for (const bad of [
      "",
      "plain",
      "bcrypt$10$abc",
      `scrypt$32768$8$1$${salt}`,
      `scrypt$30000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$8$1$${salt}$${hash}`, // N far too large (memory exhaustion)
      `scrypt$32768$999$1$${salt}$${hash}`,
      `scrypt$32768$8$1$$${hash}`,
      `scrypt$32768$8$1$${salt}$`,
    ]) {
      expect(await verifyPassword("password1234", bad)).toBe(false);
    }
  });

  it("normalises Unicode so the same visible password verifies", async () => {
    const composed = "mot de passe é 123";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });
});
