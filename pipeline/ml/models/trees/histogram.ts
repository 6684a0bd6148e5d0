import { HISTOGRAM_BINS, MISSING_BIN, type BinnedMatrix } from "./binning";

/** Floats per feature in a histogram: every bin (missing included) × every statistic channel. */
export function histogramStride(channels: number): number {
  return HISTOGRAM_BINS * channels;
}

/**
 * Calls visit(from, to) for the two slot ranges of feature f that can be non-zero: its
 * real bins and the missing bin. Features with few distinct values (pixels, one-hot
 * columns) use a handful of the 256 bins, and touching only those keeps zeroing and
 * subtraction from dominating training time.
 */
function forUsedSlots(binned: BinnedMatrix, f: number, channels: number, visit: (from: number, to: number) => void): void {
  const base = f * histogramStride(channels);
  visit(base, base + binned.binCounts[f]! * channels);
  visit(base + MISSING_BIN * channels, base + HISTOGRAM_BINS * channels);
}

/**
 * Sums per-row statistics into bins for the listed features, over rows order[start..end).
 * hist[(f * 256 + bin) * channels + s]. Only the listed features' slots are written.
 */
export function buildHistogram(
  binned: BinnedMatrix,
  stats: Float64Array,
  channels: number,
  order: Int32Array,
  start: number,
  end: number,
  features: Int32Array,
  hist: Float64Array,
): void {
  for (let fi = 0; fi < features.length; fi++) {
    forUsedSlots(binned, features[fi]!, channels, (from, to) => hist.fill(0, from, to));
  }
  const { bins, cols } = binned;
  const nf = features.length;
  // Module imports compile to property getters under some bundlers; keep the hot loop on a local.
  const binsPerFeature = HISTOGRAM_BINS;
  if (channels === 3) {
    // The gradient-boosting case dominates training time; unrolled for it.
    for (let i = start; i < end; i++) {
      const r = order[i]!;
      const rowBase = r * cols;
      const g = stats[r * 3]!;
      const h = stats[r * 3 + 1]!;
      const c = stats[r * 3 + 2]!;
      for (let fi = 0; fi < nf; fi++) {
        const f = features[fi]!;
        const o = (f * binsPerFeature + bins[rowBase + f]!) * 3;
        hist[o]! += g;
        hist[o + 1]! += h;
        hist[o + 2]! += c;
      }
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const r = order[i]!;
    const rowBase = r * cols;
    const statBase = r * channels;
    for (let fi = 0; fi < nf; fi++) {
      const f = features[fi]!;
      const o = (f * binsPerFeature + bins[rowBase + f]!) * channels;
      for (let s = 0; s < channels; s++) hist[o + s]! += stats[statBase + s]!;
    }
  }
}

/** The histogram subtraction trick: sibling = parent - child, computed in place into parent. */
export function subtractHistogramInPlace(binned: BinnedMatrix, parent: Float64Array, child: Float64Array, features: Int32Array, channels: number): void {
  for (let fi = 0; fi < features.length; fi++) {
    forUsedSlots(binned, features[fi]!, channels, (from, to) => {
      for (let i = from; i < to; i++) parent[i]! -= child[i]!;
    });
  }
}
