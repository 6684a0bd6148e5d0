import { SeededRandom } from "./random";
import type { Matrix, Targets, Task } from "./types";

export function takeRows(X: Matrix, rows: Int32Array): Matrix {
  const data = new Float32Array(rows.length * X.cols);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i]! * X.cols;
    data.set(X.data.subarray(from, from + X.cols), i * X.cols);
  }
  return { data, rows: rows.length, cols: X.cols };
}

export function takeTargets<T extends Targets>(y: T, rows: Int32Array): T {
  const out = new (y.constructor as { new (n: number): T })(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]!]!;
  return out;
}

/**
 * Seeded split of row indices into fit / holdout. For classification each class is split
 * separately so a rare class is not left out of one side by chance.
 */
export function holdoutSplit(y: Targets, task: Task, fraction: number, seed: number): { fit: Int32Array; holdout: Int32Array } {
  const rng = new SeededRandom(seed);
  const groups: number[][] = [];
  if (task.kind === "classification") {
    for (let k = 0; k < task.classes; k++) groups.push([]);
    for (let r = 0; r < y.length; r++) groups[y[r]!]!.push(r);
  } else {
    groups.push(Array.from({ length: y.length }, (_, r) => r));
  }
  const fit: number[] = [];
  const holdout: number[] = [];
  for (const group of groups) {
    const shuffled = rng.shuffleInPlace(Int32Array.from(group));
    const take = Math.round(shuffled.length * fraction);
    for (let i = 0; i < shuffled.length; i++) (i < take ? holdout : fit).push(shuffled[i]!);
  }
  return { fit: Int32Array.from(fit).sort(), holdout: Int32Array.from(holdout).sort() };
}
