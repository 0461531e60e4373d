import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/core/audit/canonical";
import { chainHash, genesisHash } from "@/core/audit/chain";

describe("canonical JSON and the hash chain", () => {
  it("sorts keys at every depth, drops undefined, formats dates as ISO UTC", () => {
    expect(
      canonicalJson({ b: 1, a: { d: [1, "x"], c: null }, u: undefined, t: new Date(Date.UTC(2026, 0, 2)) }),
    ).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1,"t":"2026-01-02T00:00:00.000Z"}');
  });

  it("refuses values JSON cannot represent exactly", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
  });

  it("chains each event to the previous hash", () => {
    const r = {
      meetingId: "m1",
      seq: 1,
      at: new Date("2026-01-01T00:00:00Z"),
      actorId: "u1",
      event: { type: "token.requested" as const, userId: "u1" },
    };
    const g = genesisHash("m1");
    expect(g).toMatch(/^[0-9a-f]{64}$/);
    expect(genesisHash("m2")).not.toBe(g);
    const h = chainHash(g, r);
    expect(chainHash(g, r)).toBe(h);
    expect(chainHash(h, r)).not.toBe(h);
    expect(chainHash(g, { ...r, event: { ...r.event, userId: "u2" } })).not.toBe(h);
  });
});
