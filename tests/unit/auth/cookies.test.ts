import { describe, expect, it } from "vitest";
import { parseCookieHeader } from "@/server/auth/cookies";

const jar = (header: string | undefined) => Object.fromEntries(parseCookieHeader(header));

describe("parseCookieHeader", () => {
  it.each([
    [undefined, {}],
    ["", {}],
    ["a=1", { a: "1" }],
    ["a=1; b=two", { a: "1", b: "two" }],
    [" a = 1 ;b=2;", { a: "1", b: "2" }],
    ["name=Jos%C3%A9", { name: "José" }],
    ["t=abc.def-ghi_jkl", { t: "abc.def-ghi_jkl" }],
    ["empty=", { empty: "" }],
    ["novalue; a=1", { a: "1" }],
    ["=orphan; a=1", { a: "1" }],
  ])("%j -> %j", (header, expected) => {
    expect(jar(header)).toEqual(expected);
  });

  // Cookies of other applications on the host: their broken escapes are dropped, the rest stays.
  it.each([
    ["ga=50%; t=ok", { t: "ok" }],
    ["x=%zz; t=ok", { t: "ok" }],
    ["t=ok; x=%", { t: "ok" }],
    ["t=ok; x=%E0%A4%A", { t: "ok" }],
    ["t=ok; lone=%ED%A0%80", { t: "ok" }],
    ["t=ok; pct=100%%", { t: "ok" }],
    ["%zz=1; t=ok", { "%zz": "1", t: "ok" }],
    ["next-auth.session-token=%zz", {}],
  ])("ignores what cannot be decoded: %j", (header, expected) => {
    expect(jar(header)).toEqual(expected);
  });
});
