import { checkProbabilityShape, checkSameLength } from "./check-inputs";
import { classificationMetrics, regressionMetrics, type ClassificationMetrics, type RegressionMetrics } from "./summary";

export type SliceKey = string | number | boolean | null;

export interface SliceResult<M> {
  slice: SliceKey;
  rows: number;
  metrics: M;
}

/** Row indices per distinct key, in order of first appearance. */
export function groupRowsBySlice(keys: ArrayLike<SliceKey>): Map<SliceKey, Int32Array> {
  const lists = new Map<SliceKey, number[]>();
  for (let r = 0; r < keys.length; r++) {
    const key = keys[r]!;
    const list = lists.get(key);
    if (list) list.push(r);
    else lists.set(key, [r]);
  }
  const groups = new Map<SliceKey, Int32Array>();
  for (const [key, rows] of lists) groups.set(key, Int32Array.from(rows));
  return groups;
}

/** Runs `evaluate` on each slice's rows; a slice whose metric cannot be computed reports the error instead. */
export function metricsBySlice<M>(keys: ArrayLike<SliceKey>, evaluate: (rows: Int32Array) => M): SliceResult<M | { error: string }>[] {
  const results: SliceResult<M | { error: string }>[] = [];
  for (const [slice, rows] of groupRowsBySlice(keys)) {
    let metrics: M | { error: string };
    try {
      metrics = evaluate(rows);
    } catch (e) {
      metrics = { error: e instanceof Error ? e.message : String(e) };
    }
    results.push({ slice, rows: rows.length, metrics });
  }
  return results;
}

function pick(values: ArrayLike<number>, rows: Int32Array, width = 1): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    for (let k = 0; k < width; k++) out[i * width + k] = values[rows[i]! * width + k]!;
  }
  return out;
}

export function classificationMetricsBySlice(
  keys: ArrayLike<SliceKey>,
  yTrue: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classes: number,
): SliceResult<ClassificationMetrics | { error: string }>[] {
  checkSameLength("classificationMetricsBySlice (slice keys)", yTrue, keys);
  checkProbabilityShape("classificationMetricsBySlice", yTrue.length, probabilities, classes);
  return metricsBySlice(keys, (rows) => classificationMetrics(pick(yTrue, rows), pick(probabilities, rows, classes), classes));
}

export function regressionMetricsBySlice(
  keys: ArrayLike<SliceKey>,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): SliceResult<RegressionMetrics | { error: string }>[] {
  checkSameLength("regressionMetricsBySlice (slice keys)", yTrue, keys);
  checkSameLength("regressionMetricsBySlice", yTrue, yPred);
  return metricsBySlice(keys, (rows) => regressionMetrics(pick(yTrue, rows), pick(yPred, rows)));
}
