import { describe, expect, it } from "vitest";
import { credentialsSchema, parseSignInError, signInErrorText, SIGN_IN_ERRORS } from "@/lib/schemas/sign-in";
import { isSecondFactorCode, totpCodeSchema } from "@/lib/schemas/security";
import { continuePath, setupPath } from "@/lib/auth-paths";
import { generateOneTimePassword } from "@/server/security/one-time-password";
import { PASSWORD_MIN } from "@/lib/schemas/account";

const LOCALES = ["en", "fr"];

describe("second-factor input", () => {
  it("accepts 6-digit codes (spaces ignored) and recovery codes, nothing else", () => {
    for (const ok of ["123456", " 123 456 ", "abcde-12345", "ABCDE 12345", "abcde12345"])
      expect(isSecondFactorCode(ok)).toBe(true);
    for (const bad of ["12345", "1234567", "12a456", "", "abcd-1234", "abcde-12345-x", "éééée-12345"]) {
      expect(isSecondFactorCode(bad), bad).toBe(false);
    }
    expect(totpCodeSchema.parse(" 123 456")).toBe("123456");
    expect(totpCodeSchema.safeParse("12345").success).toBe(false);
    expect(totpCodeSchema.safeParse("abcdef").success).toBe(false);
  });

  it("reads both credential shapes; an empty code is no code", () => {
    expect(credentialsSchema.parse({ email: " A@B.test", password: "pw", code: "" })).toEqual({
      email: "a@b.test",
      password: "pw",
    });
    expect(credentialsSchema.parse({ email: "a@b.test", password: "pw", code: " 123456 " })).toMatchObject({
      code: "123456",
    });
    expect(credentialsSchema.parse({ ticket: "v1.k.a.b.c" })).toEqual({ ticket: "v1.k.a.b.c" });
    expect(credentialsSchema.safeParse({ email: "a@b.test" }).success).toBe(false);
  });

  it("carries sign-in errors through next-auth's error string", () => {
    expect(parseSignInError(SIGN_IN_ERRORS.invalidCredentials)).toEqual({ key: "invalidCredentials" });
    expect(parseSignInError(signInErrorText("tooManyAttempts", 42))).toEqual({
      key: "tooManyAttempts",
      retryAfterSeconds: 42,
    });
    expect(parseSignInError("CredentialsSignin")).toEqual({ key: null });
    expect(parseSignInError(undefined)).toEqual({ key: null });
  });
});

describe("setup paths", () => {
  it("sends a restricted session to its step, with the way back", () => {
    expect(setupPath("fr", "TWO_FACTOR_ENROLMENT", "/fr/meetings")).toBe(
      "/fr/account/security?callbackUrl=%2Ffr%2Fmeetings",
    );
    expect(setupPath("en", "PASSWORD_CHANGE", "//evil.example")).toBe("/en/account/password");
    expect(setupPath("en", "PASSWORD_CHANGE", "/en/account/password")).toBe("/en/account/password");
  });

  it("continues to the page asked for, never back to a setup page or outside", () => {
    expect(continuePath("/en/meetings/m_1", "en", LOCALES)).toBe("/en/meetings/m_1");
    expect(continuePath("/en/account/security", "en", LOCALES)).toBe("/en/meetings");
    expect(continuePath("https://evil.example/", "en", LOCALES)).toBe("/en/meetings");
    expect(continuePath(null, "fr", LOCALES)).toBe("/fr/meetings");
  });
});

describe("one-time passwords", () => {
  it("are 80 random bits, grouped for reading, and long enough to be a password", () => {
    const seen = new Set(Array.from({ length: 200 }, generateOneTimePassword));
    expect(seen.size).toBe(200);
    for (const p of seen) {
      expect(p).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
      expect(p.length).toBeGreaterThanOrEqual(PASSWORD_MIN);
    }
  });
});
