/**
 * Tuning gradient boosting on credit_data (hashed stratified 0.7 / 0.15 / 0.15 split):
 * how many trials random search, TPE and Hyperband need to reach their best validation
 * accuracy, that model's test accuracy, and an ensemble against the best single model.
 * Run: npx tsx bench/tuner.ts [trials]
 */
import { readFileSync } from "node:fs";
import { votingEnsemble } from "../pipeline/ml/ensemble/fit-ensemble";
import { splitAndFeaturize } from "../pipeline/ml/ensemble/split-and-featurize";
import { accuracy, argmaxRows } from "../pipeline/ml/metrics";
import { gradientBoostingParamsSchema } from "../pipeline/ml/models/gbt/params";
import { fitGradientBoosting } from "../pipeline/ml/models/gbt/train";
import { fitRandomForest } from "../pipeline/ml/models/forest/train";
import type { FittedModel, Task } from "../pipeline/ml/models/types";
import { readCsv } from "../pipeline/ml/table/read-csv";
import { searchSpaceFromParams } from "../pipeline/ml/tuner/search-space";
import { tune, type TuneResult } from "../pipeline/ml/tuner/tune";

const trials = Number(process.argv[2] ?? 20);
const data = splitAndFeaturize(readCsv(readFileSync(new URL("../public/datasets/credit_data.csv", import.meta.url))), "Status", 0);
const task: Task = { kind: "classification", classes: 2 };
const score = async (model: FittedModel, part: "validation" | "test") => accuracy(data[part].y, argmaxRows(await model.predict(data[part].X), 2));
const space = searchSpaceFromParams(gradientBoostingParamsSchema, {
  include: ["learningRate", "maxLeafNodes", "minSamplesLeaf", "l2Regularization", "maxIterations"],
});
// Keep trials affordable on two cores.
space["maxIterations"] = { type: "int", min: 20, max: 300, log: true };
const fit = (params: Record<string, unknown>) => fitGradientBoosting(data.train.X, data.train.y, task, { ...params, earlyStopping: "off" }, { seed: 0 });

async function main(): Promise<void> {
  const rows: string[] = [];
  let bestOverall: { params: Record<string, unknown>; validation: number } | undefined;
  for (const algorithm of ["random", "tpe", "hyperband"] as const) {
    const started = performance.now();
    const result: TuneResult = await tune(
      space,
      async (params, budget) => {
        const model = await fit(budget === undefined ? params : { ...params, maxIterations: budget });
        return score(model, "validation");
      },
      { algorithm, maxTrials: algorithm === "hyperband" ? trials * 2 : trials, seed: 1, minBudget: 20, maxBudget: 300, eta: 3 },
    );
    const seconds = (performance.now() - started) / 1000;
    const reachedAt = result.trials.findIndex((t) => t.score === result.best.score && !t.pruned) + 1;
    const finalParams = result.best.budget === undefined ? result.best.params : { ...result.best.params, maxIterations: result.best.budget };
    const test = await score(await fit(finalParams), "test");
    rows.push(
      `${algorithm.padEnd(10)} ${String(result.trials.length).padStart(6)} ${String(reachedAt).padStart(13)} ${result.best.score.toFixed(3).padStart(10)} ${test.toFixed(3).padStart(6)} ${seconds.toFixed(1).padStart(7)}`,
    );
    if (!bestOverall || result.best.score > bestOverall.validation) bestOverall = { params: finalParams, validation: result.best.score };
  }
  console.log(`credit_data, gradient boosting, ${trials} trials (Hyperband: ${trials * 2} rung evaluations)`);
  console.log("algorithm  trials  best at trial  validation   test  seconds");
  rows.forEach((r) => console.log(r));

  const tuned = await fit(bestOverall!.params);
  const forest = await fitRandomForest(data.train.X, data.train.y, task, { nEstimators: 100, minSamplesLeaf: 3 }, { seed: 0 });
  const defaults = await fitGradientBoosting(data.train.X, data.train.y, task, { maxIterations: 100, learningRate: 0.05 }, { seed: 0 });
  console.log("\nmodel                               validation   test");
  for (const [name, model] of [
    ["GBT (lr 0.05, 100 rounds)", defaults],
    ["random forest (100 trees)", forest],
    ["tuned GBT", tuned],
    ["soft vote: GBT + forest", votingEnsemble([defaults, forest], "soft")],
    ["soft vote: tuned GBT + GBT + forest", votingEnsemble([tuned, defaults, forest], "soft")],
  ] as const) {
    console.log(`${name.padEnd(36)} ${(await score(model, "validation")).toFixed(3).padStart(10)} ${(await score(model, "test")).toFixed(3).padStart(6)}`);
  }
  console.log("(bar: 0.787 test accuracy; scikit-learn 5-fold CV best 0.797)");
}

void main();
