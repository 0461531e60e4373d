import { describe, expect, it } from "vitest";
import { afterSignInPath, pathAccess, safeRedirectUrl, safeRelativePath, signInPath } from "@/lib/auth-paths";
import { HOSTILE_CALLBACK_URLS } from "../../helpers/hostile-requests";

const LOCALES = ["en", "fr"] as const;

describe("pathAccess (the proxy's protected-path decision)", () => {
  it.each([
    ["/en", "public"],
    ["/en/", "public"],
    ["/fr", "public"],
    ["/en/sign-in", "public"],
    ["/en/sign-in/", "public"],
    ["/fr/sign-up", "public"],
    ["/en/meetings", "protected"],
    ["/en/meetings/abc", "protected"],
    ["/fr/join/XYZ", "protected"],
    ["/en/sign-in/extra", "protected"],
    ["/en/admin", "protected"],
    ["/en/sign-inx", "protected"],
    ["/", "unlocalized"],
    ["/meetings", "unlocalized"],
    ["/de/meetings", "unlocalized"],
    ["/english", "unlocalized"],
  ])("%s is %s", (path, kind) => {
    expect(pathAccess(path, LOCALES).kind).toBe(kind);
  });

  it("reports the locale of localized paths", () => {
    expect(pathAccess("/fr/meetings", LOCALES)).toEqual({ kind: "protected", locale: "fr" });
    expect(pathAccess("/en/sign-up", LOCALES)).toEqual({ kind: "public", locale: "en" });
  });
});

describe("safeRelativePath (callbackUrl)", () => {
  it.each(["/en/meetings", "/en/meetings/abc?tab=queue", "/fr/join/ABC#top", "/"])("accepts %s", (p) => {
    expect(safeRelativePath(p)).toBe(p);
  });

  it.each([
    "https://evil.example/en/meetings",
    "//evil.example/en",
    "/\\evil.example",
    "\\\\evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "en/meetings",
    "/en/\tmeetings",
    "/en\n/meetings",
    "",
    null,
    undefined,
    "/" + "a".repeat(3000),
  ])("rejects %j", (p) => {
    expect(safeRelativePath(p as string)).toBeNull();
  });

  it("normalises dot segments without leaving the origin", () => {
    expect(safeRelativePath("/en/../../fr/meetings")).toBe("/fr/meetings");
  });
});

describe("afterSignInPath", () => {
  it("goes to a safe protected callback", () => {
    expect(afterSignInPath("/en/meetings/abc", "en", LOCALES)).toBe("/en/meetings/abc");
    expect(afterSignInPath("/fr/join/ABC?x=1", "en", LOCALES)).toBe("/fr/join/ABC?x=1");
  });

  it("falls back to the user's meetings otherwise", () => {
    expect(afterSignInPath(null, "fr", LOCALES)).toBe("/fr/meetings");
    expect(afterSignInPath("https://evil.example", "en", LOCALES)).toBe("/en/meetings");
    expect(afterSignInPath("//evil.example/en/meetings", "en", LOCALES)).toBe("/en/meetings");
    expect(afterSignInPath("/en/sign-in", "en", LOCALES)).toBe("/en/meetings");
    expect(afterSignInPath("/en/sign-up?callbackUrl=/en/sign-in", "en", LOCALES)).toBe("/en/meetings");
    expect(afterSignInPath("/en", "en", LOCALES)).toBe("/en/meetings");
    expect(afterSignInPath("/api/auth/signout", "en", LOCALES)).toBe("/en/meetings");
  });
});

describe("signInPath", () => {
  it("carries the original path as an encoded callbackUrl", () => {
    expect(signInPath("en", "/en/meetings/abc?x=1")).toBe(
      "/en/sign-in?callbackUrl=%2Fen%2Fmeetings%2Fabc%3Fx%3D1",
    );
    expect(signInPath("fr")).toBe("/fr/sign-in");
    expect(signInPath("en", "//evil.example")).toBe("/en/sign-in");
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const BASE = "http://localhost:4321";
  const HOME = "http://localhost:4321/";

  it.each([
    ["/en/meetings", "http://localhost:4321/en/meetings"],
    ["/fr/join/ABC?x=1#top", "http://localhost:4321/fr/join/ABC?x=1#top"],
    ["/", HOME],
    ["http://localhost:4321", HOME],
    ["http://localhost:4321/en/meetings?x=1", "http://localhost:4321/en/meetings?x=1"],
    ["/en/../fr/meetings", "http://localhost:4321/fr/meetings"],
    ["/%2F%2Fevil.example", "http://localhost:4321/%2F%2Fevil.example"],
  ])("keeps a page of this origin: %j", (url, expected) => {
    expect(safeRedirectUrl(url, BASE)).toBe(expected);
  });

  // The hostile values the e2e test also posts to next-auth: none may leave the origin or throw.
  it.each(HOSTILE_CALLBACK_URLS)("never leaves the origin: %j", (url) => {
    expect(new URL(safeRedirectUrl(url, BASE)).origin).toBe(BASE);
  });

  // And each of these gives the landing page.
  it.each([
    ...HOSTILE_CALLBACK_URLS.filter((url) => url !== "/%2F%2Fevil.example"),
    "\t/en/meetings",
    "\\/evil.example",
    "http:evil.example",
    "http:/evil.example",
    "https://localhost:4321/en/meetings",
    "http://localhost:4322/en/meetings",
    "http://localhost:4321@evil.example/",
    "http://user:pass@localhost:4321/en/meetings",
    "http://localhost:4321\\@evil.example/",
    "JaVaScRiPt:alert(document.cookie)",
    "vbscript:msgbox(1)",
    "%2f%5cevil.example",
    "/en/\u007fmeetings",
    "en/meetings",
    "evil.example",
    "",
    "http://%zz/",
    "/" + "a".repeat(5000),
  ])("replaces %j by the landing page", (url) => {
    expect(safeRedirectUrl(url, BASE)).toBe(HOME);
  });

  it.each([null, undefined, 42, {}, ["/en/meetings"]])("replaces a non-string %j", (url) => {
    expect(safeRedirectUrl(url, BASE)).toBe(HOME);
  });
});
