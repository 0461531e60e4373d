// The equity index (Gini of speaking time) in words, for a reader who wants it at a glance.
// Bands: under 0.10 everyone spoke about as much; under 0.25 a fair spread; under 0.45 some
// clearly spoke more; above, a few held the floor (one of two speaking alone is 0.5).

export type EquityLevel = "even" | "fair" | "uneven" | "dominated";

export function equityLevel(gini: number): EquityLevel {
  if (gini < 0.1) return "even";
  if (gini < 0.25) return "fair";
  if (gini < 0.45) return "uneven";
  return "dominated";
}
