import { HISTOGRAM_BINS, type BinnedMatrix } from "./binning";
import { GRADIENT_CHANNELS, type SplitCriterion } from "./split-criterion";

export interface Split {
  feature: number;
  /** Non-missing bins 0..bin go left. */
  bin: number;
  missingLeft: boolean;
  gain: number;
  leftSums: Float64Array;
  rightSums: Float64Array;
}

/**
 * The better of two searches' splits over consecutive feature ranges, as one search over both
 * ranges picks it: the second only when its gain is higher (ties keep the earlier feature).
 */
export function betterSplit(first: Split | null, second: Split | null): Split | null {
  if (first === null) return second;
  return second !== null && second.gain > first.gain ? second : first;
}

/** Gains at or below this are rounding noise, not structure. */
const MIN_GAIN = 1e-10;

/** The best admissible candidate seen so far; ties keep the earlier one. */
class BestSplit {
  best: Split | null = null;
  private readonly parentScore: number;

  constructor(
    totals: Float64Array,
    private readonly criterion: SplitCriterion,
    private readonly minSamplesLeaf: number,
  ) {
    this.parentScore = criterion.score(totals);
  }

  consider(L: Float64Array, R: Float64Array, feature: number, bin: number, missingLeft: boolean): void {
    const { criterion, minSamplesLeaf } = this;
    if (criterion.count(L) < minSamplesLeaf || criterion.count(R) < minSamplesLeaf) return;
    if (!criterion.admissible(L) || !criterion.admissible(R)) return;
    const gain = criterion.score(L) + criterion.score(R) - this.parentScore;
    if (gain > MIN_GAIN && (this.best === null || gain > this.best.gain)) {
      this.best = { feature, bin, missingLeft, gain, leftSums: L.slice(), rightSums: R.slice() };
    }
  }
}

/**
 * Scans every bin boundary of every listed feature. Missing values are tried on both sides
 * when the node has any; otherwise they are sent to the larger child, where unseen NaNs at
 * prediction time are most likely to belong. Ties keep the earlier feature and bin, so a
 * search split across threads by feature ranges picks what one thread would.
 */
export function findBestSplit(
  hist: Float64Array,
  binned: BinnedMatrix,
  features: Int32Array,
  totals: Float64Array,
  criterion: SplitCriterion,
  minSamplesLeaf: number,
): Split | null {
  if (criterion.gradient) return findBestGradientSplit(hist, binned, features, totals, criterion.gradient, minSamplesLeaf);
  const S = criterion.channels;
  const search = new BestSplit(totals, criterion, minSamplesLeaf);
  const left = new Float64Array(S);
  const right = new Float64Array(S);
  const leftWithMissing = new Float64Array(S);

  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const base = f * HISTOGRAM_BINS * S;
    const lastBin = binned.binCounts[f]! - 1;
    const missingBase = base + (lastBin + 1) * S;
    const hasMissing = criterion.count(hist, missingBase) > 0;
    left.fill(0);
    // Splitting after the last bin only makes sense when missing values can go right alone.
    const lastSplitBin = hasMissing ? lastBin : lastBin - 1;
    for (let b = 0; b <= lastSplitBin; b++) {
      for (let s = 0; s < S; s++) left[s]! += hist[base + b * S + s]!;
      for (let s = 0; s < S; s++) right[s] = totals[s]! - left[s]!;
      if (hasMissing) {
        search.consider(left, right, f, b, false);
        for (let s = 0; s < S; s++) {
          leftWithMissing[s] = left[s]! + hist[missingBase + s]!;
          right[s] = totals[s]! - leftWithMissing[s]!;
        }
        search.consider(leftWithMissing, right, f, b, true);
      } else {
        search.consider(left, right, f, b, criterion.count(left) >= criterion.count(right));
      }
    }
  }
  return search.best;
}

/** Nodes with fewer rows than this are searched row by row (findBestSplitInRows) instead of by histogram. */
export const SMALL_NODE_ROWS = 32;
const nodePositions = new Int32Array(SMALL_NODE_ROWS);
const nodeCodes = new Int32Array(SMALL_NODE_ROWS);

/**
 * findBestSplit for a node of a few rows, without a histogram: each feature's rows are sorted
 * by bin (stably, so every bin sums its rows in the node's order, as a histogram would) and only
 * bins that hold rows are tried. An empty bin repeats the candidate before it, which a tie never
 * replaces, so the split is the histogram search's. Deep random-forest trees are mostly such
 * nodes, where zeroing and scanning 256 bins per feature cost far more than their rows.
 */
export function findBestSplitInRows(
  binned: BinnedMatrix,
  stats: Float64Array,
  order: Int32Array,
  start: number,
  end: number,
  features: Int32Array,
  totals: Float64Array,
  criterion: SplitCriterion,
  minSamplesLeaf: number,
): Split | null {
  const m = end - start;
  if (m > SMALL_NODE_ROWS) throw new Error(`findBestSplitInRows takes at most ${SMALL_NODE_ROWS} rows, got ${m}`);
  const S = criterion.channels;
  const search = new BestSplit(totals, criterion, minSamplesLeaf);
  const left = new Float64Array(S);
  const right = new Float64Array(S);
  const leftWithMissing = new Float64Array(S);
  const missing = new Float64Array(S);
  const bin = new Float64Array(S);
  const { columns, rows } = binned;

  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const missingBin = binned.binCounts[f]!;
    const column = f * rows;
    // Insertion sort of the node's positions by code: stable, and m is small.
    for (let i = 0; i < m; i++) {
      const code = columns[column + order[start + i]!]!;
      let j = i;
      while (j > 0 && nodeCodes[j - 1]! > code) {
        nodeCodes[j] = nodeCodes[j - 1]!;
        nodePositions[j] = nodePositions[j - 1]!;
        j--;
      }
      nodeCodes[j] = code;
      nodePositions[j] = i;
    }
    missing.fill(0);
    let firstMissing = m;
    while (firstMissing > 0 && nodeCodes[firstMissing - 1] === missingBin) firstMissing--;
    for (let i = firstMissing; i < m; i++) {
      const statBase = order[start + nodePositions[i]!]! * S;
      for (let s = 0; s < S; s++) missing[s]! += stats[statBase + s]!;
    }
    const hasMissing = firstMissing < m;
    const lastSplitBin = hasMissing ? missingBin - 1 : missingBin - 2;
    left.fill(0);
    if (hasMissing && (firstMissing === 0 || nodeCodes[0]! > 0)) {
      // The histogram search's first candidate: bin 0 empty, so only the missing values go left.
      for (let s = 0; s < S; s++) right[s] = totals[s]! - missing[s]!;
      search.consider(missing, right, f, 0, true);
    }
    let i = 0;
    while (i < firstMissing && nodeCodes[i]! <= lastSplitBin) {
      const b = nodeCodes[i]!;
      bin.fill(0);
      for (; i < firstMissing && nodeCodes[i] === b; i++) {
        const statBase = order[start + nodePositions[i]!]! * S;
        for (let s = 0; s < S; s++) bin[s]! += stats[statBase + s]!;
      }
      for (let s = 0; s < S; s++) left[s]! += bin[s]!;
      for (let s = 0; s < S; s++) right[s] = totals[s]! - left[s]!;
      if (hasMissing) {
        search.consider(left, right, f, b, false);
        for (let s = 0; s < S; s++) {
          leftWithMissing[s] = left[s]! + missing[s]!;
          right[s] = totals[s]! - leftWithMissing[s]!;
        }
        search.consider(leftWithMissing, right, f, b, true);
      } else {
        search.consider(left, right, f, b, criterion.count(left) >= criterion.count(right));
      }
    }
  }
  return search.best;
}

/**
 * findBestSplit for the gradient criterion (channels gradient, and hessian with count: see
 * GRADIENT_CHANNELS) on scalars: the same sums, tests and order of operations, so the same split,
 * without a call and two arrays per candidate (boosting scans every bin of every feature at every
 * node; measured ~3× faster).
 */
function findBestGradientSplit(
  hist: Float64Array,
  binned: BinnedMatrix,
  features: Int32Array,
  totals: Float64Array,
  { l2, minHessian, countUnit }: { l2: number; minHessian: number; countUnit: number },
  minSamplesLeaf: number,
): Split | null {
  const G = totals[0]!;
  const HC = totals[1]!;
  // Exactly the quotient: the unit is a power of two.
  const perUnit = 1 / countUnit;
  const H = HC - Math.round(HC * perUnit) * countUnit;
  const parentScore = (G * G) / (H + l2);
  let bestGain = MIN_GAIN;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = false;
  let bestG = 0;
  let bestHC = 0;
  const stride = HISTOGRAM_BINS * GRADIENT_CHANNELS;
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const base = f * stride;
    const lastBin = binned.binCounts[f]! - 1;
    const missingBase = base + (lastBin + 1) * GRADIENT_CHANNELS;
    const mg = hist[missingBase]!;
    const mhc = hist[missingBase + 1]!;
    const hasMissing = Math.round(mhc * perUnit) > 0;
    const lastSplitBin = hasMissing ? lastBin : lastBin - 1;
    let gl = 0;
    let hcl = 0;
    for (let b = 0; b <= lastSplitBin; b++) {
      const o = base + b * GRADIENT_CHANNELS;
      gl += hist[o]!;
      hcl += hist[o + 1]!;
      // Without missing values: missing ones go with the larger side; with them: right, then left.
      for (let pass = 0; pass < (hasMissing ? 2 : 1); pass++) {
        const withMissing = pass === 1;
        const lg = withMissing ? gl + mg : gl;
        const lhc = withMissing ? hcl + mhc : hcl;
        const lc = Math.round(lhc * perUnit);
        const lh = lhc - lc * countUnit;
        const rg = G - lg;
        const rhc = HC - lhc;
        const rc = Math.round(rhc * perUnit);
        const rh = rhc - rc * countUnit;
        if (lc < minSamplesLeaf || rc < minSamplesLeaf || lh < minHessian || rh < minHessian) continue;
        const gain = (lg * lg) / (lh + l2) + (rg * rg) / (rh + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          bestMissingLeft = hasMissing ? withMissing : lc >= rc;
          bestG = lg;
          bestHC = lhc;
        }
      }
    }
  }
  if (bestFeature < 0) return null;
  return {
    feature: bestFeature,
    bin: bestBin,
    missingLeft: bestMissingLeft,
    gain: bestGain,
    leftSums: Float64Array.of(bestG, bestHC),
    rightSums: Float64Array.of(G - bestG, HC - bestHC),
  };
}
