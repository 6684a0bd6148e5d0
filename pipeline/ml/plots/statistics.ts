/** Pure summaries behind the plot node and notebook histograms: bins, box-plot quartiles, Pearson correlation. */

export interface Bin {
  /** Inclusive lower edge; the last bin also includes its upper edge. */
  x0: number;
  x1: number;
  count: number;
}

/**
 * Counts values into about `target` equal bins whose edges are round numbers (multiples of 1, 2 or 5 × 10^k).
 * Edges are integer multiples of the step (divided by its inverse when below 1, as d3's ticks do), so an edge
 * that should be 0 is 0, never a float residue like 5.33e-15. Non-finite values are skipped.
 */
export function histogramBins(values: Iterable<number>, target: number): Bin[] {
  let min = Infinity;
  let max = -Infinity;
  const finite: number[] = [];
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    finite.push(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (finite.length === 0) return [];
  const { step, inverse } = niceStep(min, max, Math.max(1, Math.round(target)));
  const edge = (k: number) => (inverse > 0 ? k / inverse : k * step);
  const first = inverse > 0 ? Math.floor(min * inverse) : Math.floor(min / step);
  let last = inverse > 0 ? Math.ceil(max * inverse) : Math.ceil(max / step);
  // A single value (or all equal and on an edge) still gets one bin of width `step`.
  if (last === first) last = first + 1;
  const bins: Bin[] = [];
  for (let k = first; k < last; k++) bins.push({ x0: edge(k), x1: edge(k + 1), count: 0 });
  for (const v of finite) {
    const index = Math.min(bins.length - 1, Math.floor(inverse > 0 ? v * inverse - first : v / step - first));
    bins[Math.max(0, index)]!.count += 1;
  }
  return bins;
}

/** Counts values into bins with the given edges (e.g. another group's, so bars line up); the last bin is closed on the right. */
export function countIntoBins(edges: readonly Bin[], values: Iterable<number>): Bin[] {
  const bins = edges.map((b) => ({ x0: b.x0, x1: b.x1, count: 0 }));
  if (bins.length === 0) return bins;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const i = bins.findIndex((b) => v < b.x1);
    bins[i < 0 ? bins.length - 1 : i]!.count += 1;
  }
  return bins;
}

/** The round step for about `count` bins across [min, max]; below 1 it is carried as an integer inverse (0.2 → 5). */
function niceStep(min: number, max: number, count: number): { step: number; inverse: number } {
  const raw = (max - min) / count || Math.abs(min) / 10 || 1;
  const power = Math.floor(Math.log10(raw));
  const base = raw / 10 ** power;
  const factor = base <= 1 ? 1 : base <= 2 ? 2 : base <= 5 ? 5 : 10;
  if (power >= 0) return { step: factor * 10 ** power, inverse: 0 };
  const inverse = Math.round(10 ** -power / factor);
  return { step: 1 / inverse, inverse };
}

/** The q-quantile of ascending-sorted values by linear interpolation (numpy's default, R type 7). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export interface BoxSummary {
  q1: number;
  median: number;
  q3: number;
  /** Whisker ends: the most extreme values within 1.5 × IQR of the box (Tukey). */
  low: number;
  high: number;
  /** Values beyond the whiskers, at most MAX_OUTLIERS of them. */
  outliers: number[];
  count: number;
}

const MAX_OUTLIERS = 200;

/** Tukey box-plot numbers for the finite values; undefined when there are none. */
export function boxSummary(values: Iterable<number>): BoxSummary | undefined {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const reach = 1.5 * (q3 - q1);
  const inside = sorted.filter((v) => v >= q1 - reach && v <= q3 + reach);
  return {
    q1,
    median: quantileSorted(sorted, 0.5),
    q3,
    low: inside[0]!,
    high: inside[inside.length - 1]!,
    outliers: sorted.filter((v) => v < q1 - reach || v > q3 + reach).slice(0, MAX_OUTLIERS),
    count: sorted.length,
  };
}

/** Pearson correlation over the rows where both values are finite; NaN when either side has no spread. */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]!) || !Number.isFinite(ys[i]!)) continue;
    n++;
    sumX += xs[i]!;
    sumY += ys[i]!;
  }
  if (n < 2) return NaN;
  const meanX = sumX / n;
  const meanY = sumY / n;
  let cov = 0;
  let varX = 0;
  let varY = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]!) || !Number.isFinite(ys[i]!)) continue;
    const dx = xs[i]! - meanX;
    const dy = ys[i]! - meanY;
    cov += dx * dy;
    varX += dx * dx;
    varY += dy * dy;
  }
  if (varX === 0 || varY === 0) return NaN;
  // Clamped: rounding can put a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, cov / Math.sqrt(varX * varY)));
}

/** A bin's centre, e.g. for a bar label; rounded to 12 significant digits so (0.2 + 0.4) / 2 reads 0.3, not 0.30000000000000004. */
export function binCentre(bin: Bin): number {
  return Number(((bin.x0 + bin.x1) / 2).toPrecision(12));
}
