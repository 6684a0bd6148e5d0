import { SeededRandom } from "../models/random";

/** Dense row-major points: point i, dimension d is data[i * dims + d]. */
export interface Points {
  data: Float64Array;
  count: number;
  dims: number;
}

const MAX_ITERATIONS = 25;

function squaredDistance(points: Points, i: number, centers: Float64Array, c: number): number {
  let sum = 0;
  for (let d = 0; d < points.dims; d++) {
    const diff = points.data[i * points.dims + d]! - centers[c * points.dims + d]!;
    sum += diff * diff;
  }
  return sum;
}

/**
 * k-means++ seeding: each next center is drawn with probability proportional to its squared
 * distance from the nearest center so far, which spreads the starting centers out. Stops early
 * when every remaining point sits on a center (duplicates), so fewer than k may come back.
 */
function seedCenters(points: Points, k: number, random: SeededRandom): number[] {
  const chosen = [random.int(points.count)];
  const nearest = new Float64Array(points.count).fill(Infinity);
  const centers = new Float64Array(points.dims);
  while (chosen.length < k) {
    const last = chosen[chosen.length - 1]!;
    centers.set(points.data.subarray(last * points.dims, (last + 1) * points.dims));
    let total = 0;
    for (let i = 0; i < points.count; i++) {
      nearest[i] = Math.min(nearest[i]!, squaredDistance(points, i, centers, 0));
      total += nearest[i]!;
    }
    if (total === 0) break;
    let target = random.next() * total;
    let pick = -1;
    for (let i = 0; i < points.count && pick < 0; i++) {
      target -= nearest[i]!;
      if (target < 0 && nearest[i]! > 0) pick = i;
    }
    // Rounding can leave target a hair above zero after the last point: take the farthest one then.
    if (pick < 0) pick = nearest.indexOf(Math.max(...nearest));
    chosen.push(pick);
  }
  return chosen;
}

/**
 * Lloyd's k-means from k-means++ seeds: the cluster of every point (0..k−1). Deterministic for a
 * seed; ties go to the lower-numbered center. A cluster that loses all its points keeps its center.
 */
export function kMeans(points: Points, k: number, seed: number): Int32Array {
  const assignment = new Int32Array(points.count);
  if (points.count === 0 || k <= 1) return assignment;
  const seeds = seedCenters(points, Math.min(k, points.count), new SeededRandom(seed));
  const clusters = seeds.length;
  const centers = new Float64Array(clusters * points.dims);
  seeds.forEach((point, c) => centers.set(points.data.subarray(point * points.dims, (point + 1) * points.dims), c * points.dims));
  assignment.fill(-1);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let changed = false;
    for (let i = 0; i < points.count; i++) {
      let best = 0;
      let bestDistance = squaredDistance(points, i, centers, 0);
      for (let c = 1; c < clusters; c++) {
        const distance = squaredDistance(points, i, centers, c);
        if (distance < bestDistance) {
          best = c;
          bestDistance = distance;
        }
      }
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    const sums = new Float64Array(clusters * points.dims);
    const sizes = new Int32Array(clusters);
    for (let i = 0; i < points.count; i++) {
      const c = assignment[i]!;
      sizes[c]!++;
      for (let d = 0; d < points.dims; d++) sums[c * points.dims + d]! += points.data[i * points.dims + d]!;
    }
    for (let c = 0; c < clusters; c++) {
      if (sizes[c] === 0) continue;
      for (let d = 0; d < points.dims; d++) centers[c * points.dims + d] = sums[c * points.dims + d]! / sizes[c]!;
    }
  }
  return assignment;
}
