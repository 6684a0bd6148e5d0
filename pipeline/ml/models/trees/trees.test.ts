import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random";
import { binMatrix, binRowBytes, fitBinThresholds } from "./binning";
import { findBestSplit, findBestSplitInRows, SMALL_NODE_ROWS } from "./find-split";
import { buildGradientHistogram, buildHistogram, histogramStride } from "./histogram";
import { halfway, joinPartitionedHalves, partitionRows } from "./partition";
import { countOf, GRADIENT_CHANNELS, gradientCountUnit, hessianOf, gradientCriterion, giniCriterion, varianceCriterion } from "./split-criterion";
import { sortFloat32 } from "./sort-float32";

describe("sortFloat32", () => {
  it("orders like the built-in sort, signed zeros and infinities included", () => {
    const rng = new SeededRandom(3);
    for (const n of [5, 3000, 20_000]) {
      const specials = [0, -0, Infinity, -Infinity, 1e-40, -1e-40, 3.4e38];
      const values = Float32Array.from({ length: n }, (_, i) => (i % 9 === 0 ? specials[i % specials.length]! : (rng.next() - 0.5) * 10 ** rng.int(8)));
      const expected = Array.from(values.slice().sort());
      const sorted = Array.from(sortFloat32(values.slice(), new Float32Array(n)));
      expect(sorted.map((v) => Object.is(v, -0))).toEqual(expected.map((v) => Object.is(v, -0)));
      expect(sorted).toEqual(expected);
    }
  });
});

describe("partition in two halves", () => {
  it("gives partitionRows' row order and boundary, whatever goes left", () => {
    const rng = new SeededRandom(5);
    const rows = 3_000;
    // Column 0: 16 values and missing ones; column 1: one value (every row goes one way).
    const data = Float32Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 1 ? 7 : rng.next() < 0.1 ? NaN : rng.int(16)));
    const X = { data, rows, cols: 2 };
    const binned = binMatrix(X, fitBinThresholds(X, 255));
    const shuffled = Int32Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const cases = [
      { feature: 0, bin: 0, missingLeft: false },
      { feature: 0, bin: 7, missingLeft: true },
      { feature: 0, bin: 14, missingLeft: false },
      { feature: 1, bin: 0, missingLeft: false },
      { feature: 1, bin: -1, missingLeft: true },
    ];
    let sides = 0;
    for (const split of cases) {
      for (const [start, end] of [
        [0, rows],
        [17, 1_234],
        [500, 501],
        [40, 40 + 999],
      ] as const) {
        const whole = shuffled.slice();
        const mid = partitionRows(binned, whole, new Int32Array(rows), start, end, split);
        const halved = shuffled.slice();
        const scratch = new Int32Array(rows);
        const half = halfway(start, end);
        const firstLeftEnd = partitionRows(binned, halved, scratch, start, half, split);
        const secondLeftEnd = partitionRows(binned, halved, scratch, half, end, split);
        expect(joinPartitionedHalves(halved, scratch, start, end, firstLeftEnd, secondLeftEnd)).toBe(mid);
        expect(Array.from(halved)).toEqual(Array.from(whole));
        if (mid === start || mid === end) sides++;
      }
    }
    // Some cases send every row one way.
    expect(sides).toBeGreaterThan(0);
  });
});

describe("small-node split search", () => {
  it("finds the split the histogram search finds, with and without missing values", () => {
    const rng = new SeededRandom(7);
    const rows = 400;
    const cols = 5;
    // Few distinct values per column, so small nodes hit shared and empty bins; column 4 has missing values.
    const data = Float32Array.from({ length: rows * cols }, (_, i) => (i % cols === 4 && rng.next() < 0.3 ? NaN : rng.int(2 + (i % cols) * 6)));
    const X = { data, rows, cols };
    const binned = binMatrix(X, fitBinThresholds(X, 255));
    const features = Int32Array.of(0, 1, 2, 3, 4);
    const labels = Int32Array.from({ length: rows }, () => rng.int(3));
    let compared = 0;
    let found = 0;
    for (const [criterion, fill] of [
      [giniCriterion(3), (stats: Float64Array, r: number) => ((stats[r * 4 + labels[r]!] = 1), (stats[r * 4 + 3] = 1))],
      [varianceCriterion(), (stats: Float64Array, r: number) => ((stats[r * 2] = labels[r]! * 1.5), (stats[r * 2 + 1] = 1))],
      [
        gradientCriterion(0.5, 0.1, gradientCountUnit(rows), 0),
        (stats: Float64Array, r: number) => ((stats[r * 2] = labels[r]! - 1.2), (stats[r * 2 + 1] = 0.05 * (1 + labels[r]!) + gradientCountUnit(rows))),
      ],
    ] as const) {
      const S = criterion.channels;
      const stats = new Float64Array(rows * S);
      for (let r = 0; r < rows; r++) fill(stats, r);
      const hist = new Float64Array(cols * histogramStride(S));
      for (let trial = 0; trial < 200; trial++) {
        const m = 2 + rng.int(SMALL_NODE_ROWS - 1);
        const order = rng.shuffleInPlace(Int32Array.from({ length: rows }, (_, i) => i)).subarray(0, m);
        const totals = new Float64Array(S);
        for (const r of order) for (let s = 0; s < S; s++) totals[s]! += stats[r * S + s]!;
        buildHistogram(binned, stats, S, order, 0, m, features, hist);
        const byHistogram = findBestSplit(hist, binned, features, totals, criterion, 1);
        const byRows = findBestSplitInRows(binned, stats, order, 0, m, features, totals, criterion, 1);
        expect(byRows).toEqual(byHistogram);
        compared++;
        if (byRows) found++;
      }
    }
    expect(compared).toBe(600);
    expect(found).toBeGreaterThan(450);
  });
});

describe("binMatrix", () => {
  /** The definition: the first bin b with v <= cuts[b], else the last non-missing bin; missing values after it. */
  const reference = (v: number, cuts: Float64Array) => {
    if (v !== v) return cuts.length + 1;
    let b = 0;
    while (b < cuts.length && !(v <= cuts[b]!)) b++;
    return b;
  };

  it("puts every value in the bin the definition gives, for even, skewed, discrete and extreme columns", () => {
    const rng = new SeededRandom(11);
    const rows = 3000;
    const columns: ((r: number) => number)[] = [
      () => rng.next() * 2 - 1,
      () => Math.exp(rng.next() * 40), // heavy tail: most cuts crowd into a few of the table's buckets
      () => rng.int(7),
      () => 5,
      (r) => [NaN, Infinity, -Infinity, -0, 0, 3.4e38, -3.4e38][r % 7]! * (r % 11 === 0 ? 1 : 0) + (r % 11 === 0 ? 0 : rng.next()),
      () => (rng.next() < 0.2 ? NaN : 1e-30 * rng.int(1000)),
    ];
    const cols = columns.length;
    const data = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let f = 0; f < cols; f++) data[r * cols + f] = columns[f]!(r);
    const X = { data, rows, cols };
    for (const maxBins of [2, 16, 255]) {
      const thresholds = fitBinThresholds(X, maxBins);
      const binned = binMatrix(X, thresholds);
      for (let r = 0; r < rows; r++) {
        for (let f = 0; f < cols; f++) {
          const expected = reference(data[r * cols + f]!, thresholds[f]!);
          expect(binned.columns[f * rows + r]).toBe(expected);
          expect(binned.bins[r * binRowBytes(cols) + f]).toBe(expected);
        }
      }
    }
  });
});

describe("gradient statistics' count in the hessian", () => {
  it("gives back every sum's row count exactly and its hessian to 1e-8, subtracted sums included", () => {
    const rng = new SeededRandom(11);
    const rows = 100_000;
    const unit = gradientCountUnit(rows);
    // Hessians anywhere in [0, 1], the two ends included (saturated logistic rows, squared error).
    const hessians = Float64Array.from({ length: rows }, (_, r) => (r % 7 === 0 ? 0 : r % 11 === 0 ? 1 : rng.next()));
    for (const size of [1, 2, 20, 999, 40_000, rows]) {
      const order = rng.shuffleInPlace(Int32Array.from({ length: rows }, (_, i) => i));
      let encoded = 0;
      let hessian = 0;
      let childEncoded = 0;
      let childHessian = 0;
      for (let i = 0; i < size; i++) {
        const h = hessians[order[i]!]!;
        encoded += h + unit;
        hessian += h;
        if (i % 3 === 0) {
          childEncoded += h + unit;
          childHessian += h;
        }
      }
      expect(countOf(encoded, unit)).toBe(size);
      expect(Math.abs(hessianOf(encoded, unit) - hessian)).toBeLessThan(1e-8 * Math.max(1, hessian));
      expect(countOf(encoded - childEncoded, unit)).toBe(size - Math.ceil(size / 3));
      expect(Math.abs(hessianOf(encoded - childEncoded, unit) - (hessian - childHessian))).toBeLessThan(1e-8 * Math.max(1, hessian));
    }
  });
});

describe("word-wise gradient histogram", () => {
  it("sums the same as the byte-wise pass, bit for bit, over any range of whole words and a tail", () => {
    const rng = new SeededRandom(5);
    const rows = 999;
    const cols = 11; // two whole words and a tail of three
    const data = Float32Array.from({ length: rows * cols }, (_, i) => (rng.next() < 0.05 ? NaN : i % cols === 3 ? rng.int(3) : rng.next() * 100));
    const X = { data, rows, cols };
    const binned = binMatrix(X, fitBinThresholds(X, 255));
    const stats = new Float64Array(rows * GRADIENT_CHANNELS);
    for (let r = 0; r < rows; r++) {
      stats[r * 2] = rng.next() - 0.5;
      stats[r * 2 + 1] = rng.next() * 0.25 + gradientCountUnit(rows);
    }
    const size = cols * histogramStride(GRADIENT_CHANNELS);
    const order = rng.shuffleInPlace(Int32Array.from({ length: rows }, (_, i) => i));
    for (const [from, to] of [
      [0, cols],
      [4, 8],
      [8, 11],
      [4, 11],
      [0, 3],
    ] as const) {
      for (const [start, end] of [
        [0, rows],
        [17, 18],
        [100, 355],
        [3, 500],
      ] as const) {
        const expected = new Float64Array(size);
        const actual = new Float64Array(size).fill(7);
        const features = Int32Array.from({ length: to - from }, (_, i) => from + i);
        buildHistogram(binned, stats, GRADIENT_CHANNELS, order, start, end, features, expected);
        buildGradientHistogram(binned, stats, order, start, end, from, to, actual);
        for (let f = from; f < to; f++) {
          const at = f * histogramStride(GRADIENT_CHANNELS);
          const used = (binned.binCounts[f]! + 1) * GRADIENT_CHANNELS;
          expect(Array.from(actual.subarray(at, at + used))).toEqual(Array.from(expected.subarray(at, at + used)));
        }
      }
    }
    expect(() => buildGradientHistogram(binned, stats, order, 0, rows, 2, cols, new Float64Array(size))).toThrow(/multiple of 4/);
  });
});
