import { HISTOGRAM_BINS, MISSING_BIN, type BinnedMatrix } from "./binning";
import type { SplitCriterion } from "./split-criterion";

export interface Split {
  feature: number;
  /** Non-missing bins 0..bin go left. */
  bin: number;
  missingLeft: boolean;
  gain: number;
  leftSums: Float64Array;
  rightSums: Float64Array;
}

/** Gains at or below this are rounding noise, not structure. */
const MIN_GAIN = 1e-10;

/**
 * Scans every bin boundary of every listed feature. Missing values are tried on both sides
 * when the node has any; otherwise they are sent to the larger child, where unseen NaNs at
 * prediction time are most likely to belong.
 */
export function findBestSplit(
  hist: Float64Array,
  binned: BinnedMatrix,
  features: Int32Array,
  totals: Float64Array,
  criterion: SplitCriterion,
  minSamplesLeaf: number,
): Split | null {
  const S = criterion.channels;
  const countAt = criterion.countChannel;
  const parentScore = criterion.score(totals);
  const left = new Float64Array(S);
  const right = new Float64Array(S);
  const leftWithMissing = new Float64Array(S);
  let best: Split | null = null;
  const histogramBins = HISTOGRAM_BINS;
  const missingBin = MISSING_BIN;

  const consider = (L: Float64Array, R: Float64Array, feature: number, bin: number, missingLeft: boolean) => {
    if (L[countAt]! < minSamplesLeaf || R[countAt]! < minSamplesLeaf) return;
    if (!criterion.admissible(L) || !criterion.admissible(R)) return;
    const gain = criterion.score(L) + criterion.score(R) - parentScore;
    if (gain > MIN_GAIN && (best === null || gain > best.gain)) {
      best = { feature, bin, missingLeft, gain, leftSums: L.slice(), rightSums: R.slice() };
    }
  };

  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const base = f * histogramBins * S;
    const missingBase = base + missingBin * S;
    const hasMissing = hist[missingBase + countAt]! > 0;
    const lastBin = binned.binCounts[f]! - 1;
    left.fill(0);
    // Splitting after the last bin only makes sense when missing values can go right alone.
    const lastSplitBin = hasMissing ? lastBin : lastBin - 1;
    for (let b = 0; b <= lastSplitBin; b++) {
      for (let s = 0; s < S; s++) left[s]! += hist[base + b * S + s]!;
      for (let s = 0; s < S; s++) right[s] = totals[s]! - left[s]!;
      if (hasMissing) {
        consider(left, right, f, b, false);
        for (let s = 0; s < S; s++) {
          leftWithMissing[s] = left[s]! + hist[missingBase + s]!;
          right[s] = totals[s]! - leftWithMissing[s]!;
        }
        consider(leftWithMissing, right, f, b, true);
      } else {
        consider(left, right, f, b, left[countAt]! >= right[countAt]!);
      }
    }
  }
  return best;
}
