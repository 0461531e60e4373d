import { describe, expect, it } from "vitest";
import { gini } from "@/core/stats/gini";

describe("gini", () => {
  it("is 0 for nobody, one person, or nobody speaking", () => {
    expect(gini([])).toBe(0);
    expect(gini([42])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
  });

  it("is exactly 0 for an equal split", () => {
    expect(gini([60_000, 60_000, 60_000])).toBe(0);
    expect(gini([7, 7, 7, 7, 7, 7, 7])).toBe(0);
  });

  it("is (n-1)/n when one person has everything: 0.75 for four", () => {
    expect(gini([0, 0, 0, 240_000])).toBe(0.75);
    expect(gini([100, 0])).toBe(0.5);
  });

  it("matches the pairwise definition on uneven splits", () => {
    // Σ|xi−xj| over ordered pairs = 720; 720 / (2·4·240) = 0.375
    expect(gini([0, 60, 60, 120])).toBe(0.375);
    // 8 / (2·3·6) = 2/9
    expect(gini([3, 1, 2])).toBe(2 / 9);
  });

  it("does not depend on order or scale", () => {
    expect(gini([120, 0, 60, 60])).toBe(gini([0, 60, 60, 120]));
    expect(gini([0, 6000, 6000, 12000])).toBe(0.375);
  });

  it("refuses negative or non-finite values", () => {
    expect(() => gini([1, -1])).toThrow();
    expect(() => gini([1, Number.NaN])).toThrow();
  });
});
