import { describe, expect, it } from "vitest";
import { ManualClock } from "@/server/clock";
import {
  createTotpSecret,
  generateTotp,
  otpauthUri,
  qrCodeDataUrl,
  totpStep,
  verifyTotp,
} from "@/server/security/totp";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const STEP_MS = 30_000;
// Exactly the first second of a step, so "one step earlier" is also one second earlier.
const STEP_START = new Date(1_767_258_000_000); // 2026-01-01T09:00:00Z, a multiple of 30 s
const at = (ms: number) => new Date(STEP_START.getTime() + ms);

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors (SHA-1, 6 digits, 30 s)", async () => {
    // RFC values are 8 digits; a 6-digit code is their last 6.
    expect(await generateTotp(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(await generateTotp(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
    expect(await generateTotp(RFC_SECRET, new Date(2_000_000_000_000))).toBe("279037");
  });

  it("creates base32 secrets of 160 bits and a scannable otpauth URI", () => {
    const secret = createTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(createTotpSecret()).not.toBe(secret);
    const uri = new URL(
      otpauthUri({
        secret,
        accountName: "alice@example.com",
        issuer: "OrchestraSec",
      }),
    );
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/OrchestraSec:alice@example.com");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("OrchestraSec");
  });

  it("renders the URI as a PNG data URL", async () => {
    const url = await qrCodeDataUrl(otpauthUri({ secret: RFC_SECRET, accountName: "a@b.c" }));
    expect(url).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  describe("window edges, fixed clock", () => {
    const clock = new ManualClock(STEP_START);
    const step = totpStep(STEP_START);

    it("accepts the current step's code, from its first to its last second", async () => {
      const code = await generateTotp(RFC_SECRET, STEP_START);
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: clock.now() })).toEqual({ ok: true, step });
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: at(STEP_MS - 1) })).toEqual({
        ok: true,
        step,
      });
    });

    it("accepts the previous step's code, even one second before it ends", async () => {
      const code = await generateTotp(RFC_SECRET, at(-1)); // last second of the previous step
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: clock.now() })).toEqual({
        ok: true,
        step: step - 1,
      });
      // At the last second of the current step the previous step is still inside the window.
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: at(STEP_MS - 1) })).toEqual({
        ok: true,
        step: step - 1,
      });
    });

    it("refuses a code from two steps before, even one second past its window", async () => {
      const code = await generateTotp(RFC_SECRET, at(-STEP_MS - 1)); // last second of step - 2
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: clock.now() })).toEqual({
        ok: false,
        reason: "invalid",
      });
      // ...while one second earlier (still inside step + 1 of its own) it was fine.
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: at(-1) })).toEqual({
        ok: true,
        step: step - 2,
      });
    });

    it("accepts the next step's code and refuses the one after", async () => {
      const next = await generateTotp(RFC_SECRET, at(STEP_MS));
      expect(await verifyTotp({ secret: RFC_SECRET, code: next, now: clock.now() })).toEqual({
        ok: true,
        step: step + 1,
      });
      const afterNext = await generateTotp(RFC_SECRET, at(2 * STEP_MS));
      expect(
        await verifyTotp({
          secret: RFC_SECRET,
          code: afterNext,
          now: at(STEP_MS - 1),
        }),
      ).toEqual({
        ok: false,
        reason: "invalid",
      });
    });

    it("refuses a code from another secret", async () => {
      const code = await generateTotp(createTotpSecret(), STEP_START);
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: STEP_START })).toEqual({
        ok: false,
        reason: "invalid",
      });
    });
  });

  describe("replay", () => {
    const step = totpStep(STEP_START);

    it("refuses the same code again once its step is recorded", async () => {
      const code = await generateTotp(RFC_SECRET, STEP_START);
      const first = await verifyTotp({
        secret: RFC_SECRET,
        code,
        now: STEP_START,
      });
      expect(first).toEqual({ ok: true, step });
      const lastUsedStep = first.ok ? first.step : null;
      for (const now of [STEP_START, at(10_000), at(STEP_MS + 5_000)]) {
        expect(await verifyTotp({ secret: RFC_SECRET, code, now, lastUsedStep })).toEqual({
          ok: false,
          reason: "replayed",
        });
      }
    });

    it("refuses an older code of the window after a newer one was used", async () => {
      const previous = await generateTotp(RFC_SECRET, at(-STEP_MS));
      expect(
        await verifyTotp({
          secret: RFC_SECRET,
          code: previous,
          now: STEP_START,
          lastUsedStep: step,
        }),
      ).toEqual({
        ok: false,
        reason: "replayed",
      });
    });

    it("accepts the next step's code after the current one was used", async () => {
      const next = await generateTotp(RFC_SECRET, at(STEP_MS));
      expect(
        await verifyTotp({
          secret: RFC_SECRET,
          code: next,
          now: at(STEP_MS),
          lastUsedStep: step,
        }),
      ).toEqual({
        ok: true,
        step: step + 1,
      });
    });

    it("refuses everything when the last used step is ahead of the window (clock moved back)", async () => {
      const code = await generateTotp(RFC_SECRET, STEP_START);
      expect(
        await verifyTotp({
          secret: RFC_SECRET,
          code,
          now: STEP_START,
          lastUsedStep: step + 5,
        }),
      ).toEqual({
        ok: false,
        reason: "replayed",
      });
      expect(
        await verifyTotp({
          secret: RFC_SECRET,
          code: "000000",
          now: STEP_START,
          lastUsedStep: step + 5,
        }),
      ).toMatchObject({
        ok: false,
      });
    });

    it("still calls a wrong code invalid, not replayed", async () => {
      const code = await generateTotp(RFC_SECRET, STEP_START);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
      expect(
        await verifyTotp({
          secret: RFC_SECRET,
          code: wrong,
          now: STEP_START,
          lastUsedStep: step - 3,
        }),
      ).toEqual({
        ok: false,
        reason: "invalid",
      });
    });
  });

  describe("format", () => {
    it.each([
      "12345",
      "1234567",
      "",
      "abcdef",
      "12345a",
      "123 456",
      " 123456",
      "123456 ",
      "١٢٣٤٥٦",
      "+12345",
      "1e5000",
      "123456\n",
    ])("refuses %j as format", async (code) => {
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: STEP_START })).toEqual({
        ok: false,
        reason: "format",
      });
    });

    it("refuses a correct code with a digit dropped as format", async () => {
      const code = await generateTotp(RFC_SECRET, STEP_START);
      expect(
        await verifyTotp({
          secret: RFC_SECRET,
          code: code.slice(1),
          now: STEP_START,
        }),
      ).toEqual({
        ok: false,
        reason: "format",
      });
    });
  });
});
