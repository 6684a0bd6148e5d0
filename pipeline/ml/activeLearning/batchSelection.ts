import { kMeans, type Points } from "./kMeans";

/** How many of the best-scored rows the diverse batch is drawn from, per row of the batch. */
export const DIVERSITY_POOL_FACTOR = 5;

/** `candidates` (row indices) ordered by score, highest first; equal scores keep the lower row first, so the order never depends on the sort. */
export function rankByScore(scores: ArrayLike<number>, candidates: ArrayLike<number>): number[] {
  return Array.from(candidates).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** The `size` highest-scored candidates, best first. */
export function topK(scores: ArrayLike<number>, candidates: ArrayLike<number>, size: number): number[] {
  return rankByScore(scores, candidates).slice(0, size);
}

/**
 * A batch spread over the feature space instead of `size` near-copies of one confusing row: the
 * DIVERSITY_POOL_FACTOR × size best candidates are clustered into `size` k-means clusters and the
 * best-scored row of each cluster is taken. Clusters left empty (duplicate rows) are made up with
 * the next best rows. `features(rows)` encodes the given rows as points for clustering.
 * The batch comes back best first.
 */
export function diverseTopK(
  scores: ArrayLike<number>,
  candidates: ArrayLike<number>,
  size: number,
  features: (rows: readonly number[]) => Points,
  seed: number,
): number[] {
  const ranked = rankByScore(scores, candidates);
  const pool = ranked.slice(0, size * DIVERSITY_POOL_FACTOR);
  if (pool.length <= size) return pool;
  const clusters = kMeans(features(pool), size, seed);
  const taken = new Set<number>();
  const picked = new Set<number>();
  // The pool is in score order, so the first member met of each cluster is its best.
  pool.forEach((row, i) => {
    if (taken.has(clusters[i]!)) return;
    taken.add(clusters[i]!);
    picked.add(row);
  });
  for (const row of pool) {
    if (picked.size >= size) break;
    picked.add(row);
  }
  return pool.filter((row) => picked.has(row));
}
