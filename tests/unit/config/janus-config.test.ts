import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { roomIds } from "@/server/video/janus-ids";

describe("Janus in the environment", () => {
  const secret = "a-janus-api-secret-0123";
  it("is off by default", () => {
    expect(parseEnv({}).JANUS_URL).toBeUndefined();
  });
  it("takes a ws:// or wss:// address with its api_secret", () => {
    expect(parseEnv({ JANUS_URL: "ws://127.0.0.1:8188", JANUS_SECRET: secret }).JANUS_URL).toBe(
      "ws://127.0.0.1:8188",
    );
    expect(parseEnv({ JANUS_URL: "wss://janus.internal:8989", JANUS_SECRET: secret }).JANUS_SECRET).toBe(
      secret,
    );
  });
  it("refuses an address without a secret, a secret without an address, a short secret, HTTP", () => {
    expect(() => parseEnv({ JANUS_URL: "ws://127.0.0.1:8188" })).toThrow(/JANUS_SECRET/);
    expect(() => parseEnv({ JANUS_SECRET: secret })).toThrow(/JANUS_SECRET/);
    expect(() => parseEnv({ JANUS_URL: "ws://127.0.0.1:8188", JANUS_SECRET: "short" })).toThrow(
      /JANUS_SECRET/,
    );
    expect(() => parseEnv({ JANUS_URL: "http://127.0.0.1:8088", JANUS_SECRET: secret })).toThrow(/JANUS_URL/);
  });
});

describe("a meeting's room on Janus", () => {
  const key = "a-janus-api-secret-0123";
  it("derives its numbers and secret from the meeting under the key (HMAC-SHA256, as openssl gives)", () => {
    // Written out with: printf 'room\nm_board' | openssl dgst -sha256 -hmac KEY (first 6 bytes, + 1)
    const ids = roomIds(key, "m_board");
    expect(ids.room).toBe(0x96dceba63cf7 + 1);
    expect(ids.secret).toBe("w2OQJx1iSE0eQ7G2QYaAFa9-kPR7kRfPZ4Q5ignnWbo");
    expect(ids.feedOf("u_ana")).toBe(0x7e7c1c9d4505 + 1);
  });
  it("differs per meeting, per person and per key, and stays a safe integer", () => {
    const a = roomIds(key, "m_board");
    expect(roomIds(key, "m_other").room).not.toBe(a.room);
    expect(roomIds(`${key}x`, "m_board").secret).not.toBe(a.secret);
    expect(a.feedOf("u_bob")).not.toBe(a.feedOf("u_ana"));
    expect(Number.isSafeInteger(a.room) && Number.isSafeInteger(a.feedOf("u_ana"))).toBe(true);
  });
});
