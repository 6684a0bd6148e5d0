import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random";
import { binMatrix, fitBinThresholds } from "./binning";
import { findBestSplit, findBestSplitInRows, SMALL_NODE_ROWS } from "./find-split";
import { buildHistogram, histogramStride } from "./histogram";
import { giniCriterion, varianceCriterion } from "./split-criterion";
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
    expect(compared).toBe(400);
    expect(found).toBeGreaterThan(300);
  });
});
