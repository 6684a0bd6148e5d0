/**
 * The gradient-boosting histogram pass, the largest share of a fit's time: the word-wise pass
 * (buildGradientHistogram, a row's codes read four at a time) against the byte-wise one
 * (buildHistogram) on the same binned 80,000 × 20 table, for the root (rows in order), a
 * scattered child (rows partitioned) and one thread's chunk of 4 features. Both give the same
 * sums bit for bit (trees.test.ts); this prints what each costs a cell and the ratio, in one run.
 * Run with `npx tsx bench/histogram.ts`.
 */
import { loadavg } from "node:os";
import { binMatrix, fitBinThresholds } from "../pipeline/ml/models/trees/binning";
import { buildGradientHistogram, buildHistogram, histogramStride } from "../pipeline/ml/models/trees/histogram";
import { GRADIENT_CHANNELS, gradientCountUnit } from "../pipeline/ml/models/trees/split-criterion";
import { FEATURES, median, normals } from "./syntheticTable";

const ROWS = 80_000;
const REPEATS = 31;

const next = normals(3);
const X = { rows: ROWS, cols: FEATURES, data: Float32Array.from({ length: ROWS * FEATURES }, next) };
const binned = binMatrix(X, fitBinThresholds(X, 255));
const countUnit = gradientCountUnit(ROWS);
const stats = new Float64Array(ROWS * GRADIENT_CHANNELS);
for (let r = 0; r < ROWS; r++) {
  stats[r * 2] = next();
  stats[r * 2 + 1] = Math.abs(next()) * 0.1 + countUnit;
}
const hist = new Float64Array(FEATURES * histogramStride(GRADIENT_CHANNELS));
const allRows = Int32Array.from({ length: ROWS }, (_, i) => i);
// About 40 % of the rows, in increasing order, as a partitioned child holds them.
const childRows = allRows.filter((r) => Math.imul(r, 2654435761) >>> 0 < 0.4 * 2 ** 32);

/** Median milliseconds of `pass` after a warm-up. */
function time(pass: () => void): number {
  for (let i = 0; i < 5; i++) pass();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    pass();
    times.push(performance.now() - started);
  }
  return median(times);
}

console.log(`Gradient histogram, ${ROWS.toLocaleString()} × ${FEATURES} binned, median of ${REPEATS}; load average ${loadavg()[0]!.toFixed(1)}\n`);
console.log(`${"case".padEnd(26)}${"byte-wise ms".padStart(14)}${"word-wise ms".padStart(14)}${"ns/cell".padStart(14)}${"ratio".padStart(8)}`);
for (const [label, order, from, to] of [
  ["root, 20 features", allRows, 0, FEATURES],
  ["child, 20 features", childRows, 0, FEATURES],
  ["child, features 4..7", childRows, 4, 8],
] as const) {
  const features = Int32Array.from({ length: to - from }, (_, i) => from + i);
  const bytes = time(() => buildHistogram(binned, stats, GRADIENT_CHANNELS, order, 0, order.length, features, hist));
  const words = time(() => buildGradientHistogram(binned, stats, order, 0, order.length, from, to, hist));
  const cells = order.length * (to - from);
  const perCell = `${((bytes * 1e6) / cells).toFixed(2)} / ${((words * 1e6) / cells).toFixed(2)}`;
  console.log(
    `${label.padEnd(26)}${bytes.toFixed(2).padStart(14)}${words.toFixed(2).padStart(14)}${perCell.padStart(14)}${(words / bytes).toFixed(2).padStart(8)}`,
  );
}
