import { SeededRandom } from "../models/random";

/** How a sampler ranks unlabelled rows; random is the baseline the others are measured against. */
export const SAMPLING_STRATEGIES = ["least-confident", "margin", "entropy", "random"] as const;
export type SamplingStrategy = (typeof SAMPLING_STRATEGIES)[number];

/** Class probabilities of many rows, row-major as models return them: row r, class k is values[r * width + k]. */
export interface ProbabilityRows {
  values: ArrayLike<number>;
  width: number;
}

function largestTwo(rows: ProbabilityRows, row: number): [number, number] {
  let first = -Infinity;
  let second = -Infinity;
  for (let k = 0; k < rows.width; k++) {
    const p = rows.values[row * rows.width + k]!;
    if (p > first) {
      second = first;
      first = p;
    } else if (p > second) second = p;
  }
  // A model that saw one class has one output: the runner-up is then probability 0.
  return [first, Number.isFinite(second) ? second : 0];
}

/** 1 − max p: how far the model's best guess is from certain. */
export function leastConfidentScore(rows: ProbabilityRows, row: number): number {
  return 1 - largestTwo(rows, row)[0];
}

/** 1 − (p1 − p2), so that, like the others, higher means more uncertain: the two best classes are close. */
export function marginScore(rows: ProbabilityRows, row: number): number {
  const [first, second] = largestTwo(rows, row);
  return 1 - (first - second);
}

/** −Σ p ln p in nats; zero probabilities contribute nothing (the limit of p ln p). */
export function entropyScore(rows: ProbabilityRows, row: number): number {
  let sum = 0;
  for (let k = 0; k < rows.width; k++) {
    const p = rows.values[row * rows.width + k]!;
    if (p > 0) sum -= p * Math.log(p);
  }
  return sum;
}

/**
 * One score per row, higher = label this row sooner. Random scores are uniform draws from
 * `seed`, so the baseline batch repeats exactly for the same seed and pool.
 */
export function uncertaintyScores(strategy: SamplingStrategy, rows: ProbabilityRows, rowCount: number, seed: number): Float64Array {
  const scores = new Float64Array(rowCount);
  if (strategy === "random") {
    const random = new SeededRandom(seed);
    for (let r = 0; r < rowCount; r++) scores[r] = random.next();
    return scores;
  }
  const score = strategy === "least-confident" ? leastConfidentScore : strategy === "margin" ? marginScore : entropyScore;
  for (let r = 0; r < rowCount; r++) scores[r] = score(rows, r);
  return scores;
}
