import { describe, expect, it } from "vitest";
import {
  FEEDBACK_COMMENT_MAX,
  giveFeedback,
  summarizeFeedback,
  validateFeedback,
  type Feedback,
  type Rating,
} from "@/core/feedback";
import { code } from "../../helpers/domain-error";

const rated = (...ratings: Rating[]): Feedback[] => ratings.map((rating) => ({ rating, comment: null }));

describe("feedback", () => {
  it("accepts whole ratings from 1 to 5 only", () => {
    for (const rating of [1, 2, 3, 4, 5]) expect(validateFeedback({ rating }).rating).toBe(rating);
    for (const rating of [0, 6, -1, 2.5, Number.NaN, Infinity]) {
      expect(
        code(() => validateFeedback({ rating })),
        String(rating),
      ).toBe("BAD_REQUEST");
    }
    expect(code(() => validateFeedback({ rating: "3" as unknown as number }))).toBe("BAD_REQUEST");
  });

  it("trims the comment, drops a blank one, and limits its length", () => {
    expect(validateFeedback({ rating: 4, comment: "  good pace  " }).comment).toBe("good pace");
    expect(validateFeedback({ rating: 4, comment: "   " }).comment).toBeNull();
    expect(validateFeedback({ rating: 4, comment: null }).comment).toBeNull();
    expect(validateFeedback({ rating: 4 }).comment).toBeNull();
    expect(code(() => validateFeedback({ rating: 4, comment: "x".repeat(FEEDBACK_COMMENT_MAX) }))).toBe("OK");
    expect(code(() => validateFeedback({ rating: 4, comment: "x".repeat(FEEDBACK_COMMENT_MAX + 1) }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("takes one rating per member", () => {
    expect(giveFeedback([], "ana", { rating: 5, comment: " Thanks " })).toEqual({
      type: "feedback.given",
      userId: "ana",
      rating: 5,
      comment: "Thanks",
    });
    expect(code(() => giveFeedback(["ana"], "ana", { rating: 3 }))).toBe("CONFLICT");
    expect(code(() => giveFeedback(["bob"], "ana", { rating: 6 }))).toBe("BAD_REQUEST");
  });

  it("summarises count, mean, distribution and comments", () => {
    const s = summarizeFeedback([
      { rating: 5, comment: "Great" },
      { rating: 3, comment: null },
      { rating: 3, comment: "Too long" },
      { rating: 1, comment: null },
    ]);
    expect(s).toEqual({
      count: 4,
      mean: 3,
      distribution: { 1: 1, 2: 0, 3: 2, 4: 0, 5: 1 },
      comments: ["Great", "Too long"],
    });
  });

  it("rounds the mean to 2 decimals, half up", () => {
    expect(summarizeFeedback(rated(4, 4, 3)).mean).toBe(3.67); // 3.666…
    expect(summarizeFeedback(rated(4, 3, 3)).mean).toBe(3.33); // 3.333…
    expect(summarizeFeedback(rated(5, 4)).mean).toBe(4.5);
    // 3.125 -> 3.13 (half up), where float rounding of 3.125*100 could go either way
    expect(summarizeFeedback(rated(4, 3, 3, 3, 3, 3, 3, 3)).mean).toBe(3.13);
    // 4/3 = 1.333…
    expect(summarizeFeedback(rated(1, 1, 2)).mean).toBe(1.33);
  });

  it("has no mean when nobody rated", () => {
    expect(summarizeFeedback([])).toEqual({
      count: 0,
      mean: null,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      comments: [],
    });
  });
});
