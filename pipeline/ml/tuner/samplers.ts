import { SeededRandom } from "../models/random";
import { fromUnit, toUnit, type Dimension, type ParamSet, type SearchSpace } from "./search-space";

export function randomParams(space: SearchSpace, rng: SeededRandom): ParamSet {
  const params: ParamSet = {};
  for (const [name, d] of Object.entries(space)) params[name] = d.type === "choice" ? d.values[rng.int(d.values.length)]! : fromUnit(d, rng.next());
  return params;
}

/**
 * Every combination of `pointsPerRange` evenly spaced values per range (log-spaced on
 * log ranges, distinct integers only) and every choice, in a fixed order.
 */
export function gridParams(space: SearchSpace, pointsPerRange: number): ParamSet[] {
  let grid: ParamSet[] = [{}];
  for (const [name, d] of Object.entries(space)) {
    const values =
      d.type === "choice"
        ? d.values
        : [...new Set(Array.from({ length: pointsPerRange }, (_, i) => fromUnit(d, pointsPerRange === 1 ? 0.5 : i / (pointsPerRange - 1))))];
    grid = grid.flatMap((partial) => values.map((v) => ({ ...partial, [name]: v })));
  }
  return grid;
}

export interface ScoredParams {
  params: ParamSet;
  /** Higher is better (the tuner negates minimised objectives). */
  score: number;
}

export interface TpeOptions {
  /** Share of trials counted as good. */
  gamma: number;
  candidates: number;
}

/**
 * Tree-structured Parzen estimator step (Bergstra et al. 2011): split the scored
 * trials into the best γ share ("good") and the rest ("bad"), model each dimension
 * independently with a Parzen density per group (Gaussian kernels in unit space with a
 * Scott-style bandwidth plus a uniform prior component; smoothed counts for choices),
 * draw candidates from the good density and keep the one maximising l(x) / g(x).
 */
export function tpeParams(space: SearchSpace, history: readonly ScoredParams[], rng: SeededRandom, options: TpeOptions): ParamSet {
  const sorted = [...history].sort((a, b) => b.score - a.score);
  const goodCount = Math.max(1, Math.ceil(options.gamma * sorted.length));
  const good = sorted.slice(0, goodCount).map((t) => t.params);
  const bad = sorted.slice(goodCount).map((t) => t.params);
  const params: ParamSet = {};
  for (const [name, d] of Object.entries(space)) {
    if (d.type === "choice") {
      const l = choiceWeights(
        d.values,
        good.map((p) => p[name]!),
      );
      const g = choiceWeights(
        d.values,
        bad.map((p) => p[name]!),
      );
      let best = 0;
      let bestRatio = -Infinity;
      for (let c = 0; c < options.candidates; c++) {
        const i = drawIndex(l, rng);
        const ratio = l[i]! / g[i]!;
        if (ratio > bestRatio) [best, bestRatio] = [i, ratio];
      }
      params[name] = d.values[best]!;
    } else {
      const l = parzen(good.map((p) => toUnit(d, p[name] as number)));
      const g = parzen(bad.map((p) => toUnit(d, p[name] as number)));
      let best = 0.5;
      let bestRatio = -Infinity;
      for (let c = 0; c < options.candidates; c++) {
        const u = l.sample(rng);
        const ratio = l.logDensity(u) - g.logDensity(u);
        if (ratio > bestRatio) [best, bestRatio] = [u, ratio];
      }
      params[name] = fromUnit(d as Extract<Dimension, { type: "float" | "int" }>, best);
    }
  }
  return params;
}

function choiceWeights(values: readonly unknown[], seen: readonly unknown[]): number[] {
  const counts = values.map(() => 1);
  for (const v of seen) {
    const i = values.indexOf(v);
    if (i >= 0) counts[i]!++;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}

function drawIndex(weights: readonly number[], rng: SeededRandom): number {
  let u = rng.next();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Mixture of Gaussians at the points (truncated to [0, 1]) plus one uniform component. */
function parzen(points: readonly number[]) {
  const n = points.length;
  const sigma = Math.min(0.5, Math.max(0.02, Math.pow(n + 1, -1 / 5) * 0.3));
  const components = n + 1;
  return {
    sample(rng: SeededRandom): number {
      const i = rng.int(components);
      if (i === n) return rng.next();
      const u = 1 - rng.next();
      const x = points[i]! + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
      return Math.min(1, Math.max(0, x));
    },
    logDensity(x: number): number {
      let density = 1;
      for (const p of points) density += Math.exp(-0.5 * ((x - p) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));
      return Math.log(density / components);
    },
  };
}
