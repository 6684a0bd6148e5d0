/**
 * How a tree learner scores a node from per-row statistics summed over its rows.
 * Every criterion here has the form score = A² / B: the gain of a split is
 * score(left) + score(right) - score(parent), which for
 *   gradient boosting (A = Σ gradient, B = Σ hessian + λ) is twice the loss reduction,
 *   regression trees  (A = Σ w·y,      B = Σ w)          is the drop in squared error,
 *   gini trees        (score = Σ_k c_k² / Σ c)           is the drop in weighted gini impurity.
 */
export interface SplitCriterion {
  /** Set by the gradient criterion, whose split search has a scalar fast path (see findBestSplit). */
  gradient?: { l2: number; minHessian: number };
  /** Statistics per row (and per histogram bin). */
  channels: number;
  /** Channel holding the (weighted) row count, for minimum-leaf-size checks. */
  countChannel: number;
  score(sums: Float64Array): number;
  /** Extra admissibility beyond the minimum leaf size, e.g. a minimum hessian. */
  admissible(sums: Float64Array): boolean;
  /** Writes the leaf's output values from its summed statistics. */
  leafValues(sums: Float64Array, out: Float64Array): void;
}

/** Channels: gradient, hessian, count. Leaf value is the shrunken Newton step -G / (H + λ). */
export function gradientCriterion(l2: number, learningRate: number, minHessian = 1e-3): SplitCriterion {
  return {
    gradient: { l2, minHessian },
    channels: 3,
    countChannel: 2,
    score: (s) => (s[0]! * s[0]!) / (s[1]! + l2),
    admissible: (s) => s[1]! >= minHessian,
    leafValues: (s, out) => {
      out[0] = (-learningRate * s[0]!) / (s[1]! + l2);
    },
  };
}

/** Channels: weight per class, then total weight. Leaf values are class proportions. */
export function giniCriterion(classes: number): SplitCriterion {
  return {
    channels: classes + 1,
    countChannel: classes,
    score: (s) => {
      const total = s[classes]!;
      if (total <= 0) return 0;
      let squares = 0;
      for (let k = 0; k < classes; k++) squares += s[k]! * s[k]!;
      return squares / total;
    },
    admissible: () => true,
    leafValues: (s, out) => {
      const total = s[classes]!;
      for (let k = 0; k < classes; k++) out[k] = total > 0 ? s[k]! / total : 1 / classes;
    },
  };
}

/** Channels: weighted target sum, weight. Leaf value is the weighted mean. */
export function varianceCriterion(): SplitCriterion {
  return {
    channels: 2,
    countChannel: 1,
    score: (s) => (s[1]! > 0 ? (s[0]! * s[0]!) / s[1]! : 0),
    admissible: () => true,
    leafValues: (s, out) => {
      out[0] = s[1]! > 0 ? s[0]! / s[1]! : 0;
    },
  };
}
