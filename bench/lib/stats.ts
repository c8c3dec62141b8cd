/** The nearest-rank percentile (0 < p ≤ 100) of samples, rounded to 0.1; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return round1(sorted[rank - 1] ?? Number.NaN);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
