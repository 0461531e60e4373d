import { describe, expect, it } from "vitest";
import { EphemeralLimiter } from "@/server/realtime/ephemeral-limiter";
import { EPHEMERAL_BURST, EPHEMERAL_RATE_PER_SEC } from "@/core/room/ephemeral";
import { DomainError } from "@/core/errors";

const refused = (f: () => void) => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe("the ephemeral rate limit", () => {
  it("allows a burst, then refills at the steady rate, per person and room", () => {
    const limiter = new EphemeralLimiter();
    for (let i = 0; i < EPHEMERAL_BURST; i++) expect(refused(() => limiter.take("bob:m1", 0))).toBeNull();
    expect(refused(() => limiter.take("bob:m1", 0))).toBe("TOO_MANY_REQUESTS");
    expect(refused(() => limiter.take("cy:m1", 0))).toBeNull();
    // One second later: the steady rate's worth again, and no more.
    for (let i = 0; i < EPHEMERAL_RATE_PER_SEC; i++)
      expect(refused(() => limiter.take("bob:m1", 1_000))).toBeNull();
    expect(refused(() => limiter.take("bob:m1", 1_000))).toBe("TOO_MANY_REQUESTS");
  });
});
