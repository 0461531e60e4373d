import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  matchRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_BITS,
} from "@/server/security/recovery-codes";

describe("recovery codes", () => {
  it("generates 10 distinct human-friendly codes of at least 50 bits", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(RECOVERY_CODE_BITS).toBeGreaterThanOrEqual(50);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it("stays unique across many batches and uses the whole alphabet", () => {
    const many = Array.from({ length: 200 }, () => generateRecoveryCodes()).flat();
    expect(new Set(many).size).toBe(many.length);
    const symbols = new Set(many.join("").replace(/-/g, ""));
    expect(symbols.size).toBe(32);
  });

  it("normalises case, separators and the look-alikes o/i/l", () => {
    expect(normaliseRecoveryCode("ABCDE-12345")).toBe("abcde12345");
    expect(normaliseRecoveryCode(" abcde 12345 ")).toBe("abcde12345");
    expect(normaliseRecoveryCode("abcde_12345")).toBe("abcde12345");
    expect(normaliseRecoveryCode("OIL00-11aaa")).toBe("01100-11aaa".replace("-", ""));
    expect(normaliseRecoveryCode("abcde-1234")).toBeNull();
    expect(normaliseRecoveryCode("abcde-123456")).toBeNull();
    expect(normaliseRecoveryCode("abcde-1234u")).toBeNull(); // u is not in the alphabet
    expect(normaliseRecoveryCode("abcde-1234!")).toBeNull();
  });

  it("stores salted hashes only: the same code hashes differently each time", async () => {
    const [code] = generateRecoveryCodes(1);
    const a = await hashRecoveryCode(code);
    const b = await hashRecoveryCode(code);
    expect(a).not.toBe(b);
    expect(a).not.toContain(code);
    expect(a).not.toContain(code.replace("-", ""));
    expect(a).toMatch(/^rc1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(hashRecoveryCode("nope")).rejects.toThrow(/Not a recovery code/);
  });

  it("matches each code to its own hash, however it is typed", async () => {
    const codes = generateRecoveryCodes(5); // fewer than 10 only to keep the suite fast
    const hashes = await Promise.all(codes.map(hashRecoveryCode));
    for (const [i, code] of codes.entries()) expect(await matchRecoveryCode(code, hashes)).toBe(i);
    const typed = ` ${codes[3].toUpperCase().replace("-", " ")} `;
    expect(await matchRecoveryCode(typed, hashes)).toBe(3);
  });

  it("is single-use once the caller removes the matched hash", async () => {
    const codes = generateRecoveryCodes();
    let unused = await Promise.all(codes.map(hashRecoveryCode));
    const index = await matchRecoveryCode(codes[2], unused);
    expect(index).toBe(2);
    unused = unused.filter((_, i) => i !== index);
    expect(await matchRecoveryCode(codes[2], unused)).toBe(-1);
    expect(await matchRecoveryCode(codes[3], unused)).toBe(2); // the others still work
    // The same with used slots set to null (for callers that keep positions).
    const slots: (string | null)[] = [...unused.slice(0, 2), null, ...unused.slice(2)];
    expect(await matchRecoveryCode(codes[2], slots)).toBe(-1);
    expect(await matchRecoveryCode(codes[9], slots)).toBe(9);
  });

  it("refuses wrong, malformed and empty input", async () => {
    const codes = generateRecoveryCodes(3);
    const hashes = await Promise.all(codes.map(hashRecoveryCode));
    const [other] = generateRecoveryCodes(1);
    expect(await matchRecoveryCode(other, hashes)).toBe(-1);
    expect(await matchRecoveryCode("", hashes)).toBe(-1);
    expect(await matchRecoveryCode("123456", hashes)).toBe(-1);
    expect(await matchRecoveryCode(codes[0], [])).toBe(-1);
    // A one-character change in a code is a different code.
    const flipped = codes[0].slice(0, -1) + (codes[0].endsWith("2") ? "3" : "2");
    expect(await matchRecoveryCode(flipped, hashes)).toBe(-1);
  });

  it("fails loudly on a corrupted stored hash", async () => {
    const [code] = generateRecoveryCodes(1);
    await expect(matchRecoveryCode(code, ["rc1$short$hash"])).rejects.toThrow(/Malformed/);
  });
});
