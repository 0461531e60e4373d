// The equity index: the Gini coefficient of how a quantity (speaking time) is shared.
//
//   G = Σ_i Σ_j |x_i − x_j| / (2 · n · Σ_i x_i)
//
// the mean absolute difference over all ordered pairs divided by twice the mean, with no n/(n−1)
// correction. G = 0 when everyone has the same share; when one person has it all G = (n−1)/n
// (0.75 for four people), approaching 1 as the group grows. G = 0 for n = 0 or a zero total.
//
// Computed in O(n log n) from the values sorted ascending (x_(1) ≤ … ≤ x_(n)), the same quantity:
//
//   G = (2 · Σ_i i · x_(i) − (n + 1) · Σ_i x_i) / (n · Σ_i x_i)
//
// For integer inputs (milliseconds) the numerator and denominator are exact integers, so the one
// final division is the only rounding: equal splits give exactly 0, one speaker of four exactly 0.75.

export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) throw new Error(`Gini needs finite non-negative values, got ${v}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  if (total === 0) return 0;
  const weighted = sorted.reduce((sum, v, i) => sum + (i + 1) * v, 0);
  return Math.max(0, (2 * weighted - (n + 1) * total) / (n * total));
}
