import { describe, expect, it } from "vitest";
import { createHash, generateKeyPairSync } from "node:crypto";
import { verifyBundle } from "@/core/audit/verify-bundle";
import { bundleLayout, recordBundleSchema } from "@/core/audit/bundle";
import { scriptedBundleText, testPublicKeyPem } from "../../helpers/record-bundle";
import { scriptedWithBoard } from "../../helpers/scripted-board";
import type { Shape } from "@/core/board/shapes";

const text = scriptedBundleText();
const failed = (t: string, key = testPublicKeyPem) =>
  verifyBundle(t, key)
    .checks.filter((c) => !c.ok)
    .map((c) => c.name);

/** The text with the byte at `index` replaced by `by`. */
const withByte = (t: string, index: number, by: string) => {
  const bytes = Buffer.from(t, "utf8");
  bytes[index] = by.charCodeAt(0);
  return bytes.toString("utf8");
};

describe("the signed JSON record, verified offline", () => {
  it("verifies as exported: chain, digest, key and signature", () => {
    const result = verifyBundle(text, testPublicKeyPem);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result).toMatchObject({ ok: true, meetingId: "m_golden0001", head: { seq: 37 } });
    expect(recordBundleSchema.parse(JSON.parse(text)).events).toHaveLength(37);
  });

  it("fails when one byte of the meeting's metadata changes (digest and signature)", () => {
    const i = text.lastIndexOf("Budget review Q2"); // the meeting's title, after the events
    const changed = withByte(text, i, "b");
    expect(failed(changed)).toEqual(["digest", "signature"]);
    // Even when re-formatting is allowed: the content changed.
    expect(verifyBundle(changed, testPublicKeyPem, { allowReformatted: true }).ok).toBe(false);
  });

  it("fails when one byte of an event changes: the chain breaks at that event", () => {
    // idea_2 is the 18th event of the scripted meeting.
    const i = text.indexOf("Share desks on Fridays");
    const result = verifyBundle(withByte(text, i, "s"), testPublicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.chain).toMatchObject({ ok: false, brokenAt: 18, reason: "changed" });
    expect(failed(withByte(text, i, "s"))).toEqual(["chain", "digest", "signature"]);
  });

  it("fails when one byte of the signature changes", () => {
    const bundle = JSON.parse(text);
    const i = text.indexOf(bundle.signature.value) + 5;
    const flipped = withByte(text, i, text[i] === "A" ? "B" : "A");
    expect(failed(flipped)).toEqual(["signature"]);
  });

  it("fails for any single changed byte, wherever it is", () => {
    const bytes = Buffer.from(text, "utf8");
    const step = Math.max(1, Math.floor(bytes.length / 400));
    const sampled = Array.from({ length: Math.ceil(bytes.length / step) }, (_, k) => k * step);
    const tail = Array.from({ length: 200 }, (_, k) => bytes.length - 1 - k); // signature and key id
    for (const i of [...sampled, ...tail]) {
      const copy = Buffer.from(bytes);
      copy[i] = copy[i] === 0x30 ? 0x31 : 0x30; // "0" <-> "1", or anything -> "0"
      expect(verifyBundle(copy.toString("utf8"), testPublicKeyPem).ok, `byte ${i}`).toBe(false);
    }
  });

  it("accepts a re-formatted file only when asked to, and only with the same content", () => {
    const pretty = JSON.stringify(JSON.parse(text), null, 4);
    expect(failed(pretty)).toEqual(["layout"]);
    expect(verifyBundle(pretty, testPublicKeyPem, { allowReformatted: true }).ok).toBe(true);
    expect(bundleLayout(JSON.parse(pretty))).toBe(text);
  });

  it("refuses another key, and says which key the bundle names", () => {
    const other = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }) as string;
    const result = verifyBundle(text, other);
    expect(failed(text, other)).toEqual(["key", "signature"]);
    expect(result.checks.find((c) => c.name === "key")!.detail).toMatch(/names key ed25519:[0-9a-f]{32}/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
      type: "spki",
      format: "pem",
    });
    expect(failed(text, rsa as string)).toContain("key");
  });

  it("reports a file that is not a record instead of throwing", () => {
    expect(failed("{not json")).toEqual(["format"]);
    expect(failed(JSON.stringify({ format: "something else" }))).toEqual(["format"]);
  });

  it("detects a removed event even when the rest is re-signed by nobody", () => {
    const bundle = JSON.parse(text);
    bundle.events.splice(5, 1);
    bundle.chain.count -= 1;
    const result = verifyBundle(bundleLayout(bundle), testPublicKeyPem);
    expect(result.chain).toMatchObject({ ok: false, brokenAt: 6, reason: "missing" });
  });

  describe("the board at each decision", () => {
    // Cy draws one stroke before the vote closes. The board hash the decision must state, worked
    // out by hand: SHA-256 of the canonical JSON (keys sorted) of the board's shapes with authors.
    const drawn = [
      {
        actorId: "u_cy",
        shape: {
          kind: "pen",
          id: "pen-0001",
          color: "blue",
          width: 4,
          points: [
            [10, 10],
            [20, 30],
          ],
        } as Shape,
      },
    ];
    const withBoard = createHash("sha256")
      .update(
        '[{"by":"u_cy","shape":{"color":"blue","id":"pen-0001","kind":"pen","points":[[10,10],[20,30]],"width":4}}]',
      )
      .digest("hex");
    const logWith = (hash: string) => scriptedWithBoard(drawn, hash);

    it("accepts a decision whose board hash is the fold of the board events before it", () => {
      expect(failed(scriptedBundleText(logWith(withBoard)))).toEqual([]);
    });

    it("names a decision whose board hash is not what the events give, though signed", () => {
      const empty = createHash("sha256").update("[]").digest("hex");
      const result = verifyBundle(scriptedBundleText(logWith(empty)), testPublicKeyPem);
      expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(["board"]);
      expect(result.checks.find((c) => c.name === "board")!.detail).toContain(`the events give ${withBoard}`);
    });
  });
});
