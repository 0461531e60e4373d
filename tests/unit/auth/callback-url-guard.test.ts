import { describe, expect, it } from "vitest";
import { guardCallbackCookies, guardCallbackParam } from "@/server/auth/callback-url-guard";

const BASE = "http://localhost:4321";
const url = (query: string) => new URL(`${BASE}/api/auth/callback/credentials${query}`);

describe("guardCallbackUrls (what next-auth's own checks receive)", () => {
  it("leaves requests without a callbackUrl, or with a safe absolute one, alone", () => {
    expect(guardCallbackParam(url(""), BASE)).toBeNull();
    expect(guardCallbackParam(url(`?callbackUrl=${encodeURIComponent(`${BASE}/en/x`)}`), BASE)).toBeNull();
    expect(guardCallbackCookies("a=1; b=2", BASE)).toBeNull();
    expect(guardCallbackCookies(null, BASE)).toBeNull();
    const safe = `next-auth.callback-url=${encodeURIComponent(`${BASE}/en/meetings`)}`;
    expect(guardCallbackCookies(`a=1; ${safe}`, BASE)).toBeNull();
  });

  it.each([
    ["\t//evil.example", `${BASE}/`],
    ["javascript:alert(1)", `${BASE}/`],
    ["https://evil.example/x", `${BASE}/`],
    ["/en/meetings", `${BASE}/en/meetings`],
  ])("makes the query's callbackUrl %j safe: %s", (value, expected) => {
    const guarded = guardCallbackParam(url(`?callbackUrl=${encodeURIComponent(value)}&x=1`), BASE);
    expect(guarded?.searchParams.get("callbackUrl")).toBe(expected);
    expect(guarded?.searchParams.get("x")).toBe("1");
    expect(guarded?.pathname).toBe("/api/auth/callback/credentials");
  });

  it.each([
    [`next-auth.callback-url=${encodeURIComponent("\t//evil.example")}`, `${BASE}/`],
    [`__Secure-next-auth.callback-url=${encodeURIComponent("javascript:x")}`, `${BASE}/`],
    ["next-auth.callback-url=%zz", `${BASE}/`],
    ["next-auth.callback-url=%2Fen%2Fmeetings", `${BASE}/en/meetings`],
  ])("makes the callback-url cookie safe and keeps the others: %s", (cookie, expected) => {
    const guarded = guardCallbackCookies(`ga=50%; ${cookie}; next-auth.session-token=t`, BASE);
    const parts = guarded!.split(";").map((p) => p.trim());
    expect(parts[0]).toBe("ga=50%");
    expect(parts[2]).toBe("next-auth.session-token=t");
    const [name, value] = parts[1].split("=");
    expect(name).toBe(cookie.split("=")[0]);
    expect(decodeURIComponent(value)).toBe(expected);
  });
});
