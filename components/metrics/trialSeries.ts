import type { TrialRecord } from "@/pipeline/spec/portValues";

export type Goal = "maximize" | "minimize";

/**
 * Score of each finished trial and the best score up to it, for the "score over
 * trials" chart. Failed trials (NaN) are left out of both; Hyperband's pruned
 * rungs count, since they are real scores at a smaller budget.
 */
export function trialSeries(trials: TrialRecord[], goal: Goal) {
  const scored = trials.filter((t) => Number.isFinite(t.score));
  const better = (a: number, b: number) => (goal === "maximize" ? a > b : a < b);
  let best = Number.NaN;
  const bestSoFar = scored.map((t) => {
    if (Number.isNaN(best) || better(t.score, best)) best = t.score;
    return { x: t.trial, y: best };
  });
  return { scores: scored.map((t) => ({ x: t.trial, y: t.score })), bestSoFar };
}
