import { refuse } from "./errors";
import { can } from "./permissions";
import type { Member } from "./membership";

// Feedback on a meeting: one rating 1..5 per member, with an optional comment.

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];
export const FEEDBACK_COMMENT_MAX = 2000;

export interface Feedback {
  rating: Rating;
  /** Trimmed; null when absent or blank. */
  comment: string | null;
}

/** How many members may rate the meeting, as the permission table says (not a role list here). */
export const eligibleRaterCount = (members: readonly Member[]): number =>
  members.filter((m) => m.active && can(m.role, "feedback.give", "FEEDBACK")).length;

export interface FeedbackGivenEvent {
  type: "feedback.given";
  userId: string;
  rating: Rating;
  comment: string | null;
}

export interface FeedbackSummary {
  count: number;
  /** Rounded half up to 2 decimals (e.g. 3.67); null when nobody has rated. */
  mean: number | null;
  distribution: Record<Rating, number>;
  /** Non-empty comments, in the order given, without their authors. */
  comments: string[];
}

export const isRating = (n: unknown): n is Rating => RATINGS.includes(n as Rating);

export function validateFeedback(input: { rating: number; comment?: string | null }): Feedback {
  if (!isRating(input.rating)) throw refuse("RATING_RANGE");
  const comment = input.comment?.trim() ?? "";
  if (comment.length > FEEDBACK_COMMENT_MAX) {
    throw refuse("FEEDBACK_COMMENT_TOO_LONG", { max: FEEDBACK_COMMENT_MAX });
  }
  return { rating: input.rating, comment: comment === "" ? null : comment };
}

/** One rating per member: a second one is refused rather than silently replacing the first. */
export function giveFeedback(
  alreadyRated: readonly string[],
  userId: string,
  input: { rating: number; comment?: string | null },
): FeedbackGivenEvent {
  const feedback = validateFeedback(input);
  if (alreadyRated.includes(userId)) throw refuse("ALREADY_RATED");
  return { type: "feedback.given", userId, ...feedback };
}

export function summarizeFeedback(entries: readonly Feedback[]): FeedbackSummary {
  const distribution = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
  let sum = 0;
  for (const e of entries) {
    distribution[e.rating] += 1;
    sum += e.rating;
  }
  const count = entries.length;
  // Integer rounding half up of sum/count to hundredths, so 3.675 never becomes 3.67 by accident.
  const hundredths = count === 0 ? null : Math.floor((200 * sum + count) / (2 * count));
  return {
    count,
    mean: hundredths === null ? null : hundredths / 100,
    distribution,
    comments: entries.flatMap((e) => (e.comment ? [e.comment] : [])),
  };
}
