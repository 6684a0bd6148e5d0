import { takeRows, takeTargets } from "../models/holdout";
import { SeededRandom } from "../models/random";
import { outputWidth, type FittedModel, type Matrix, type Targets, type Task, type TrainOptions } from "../models/types";
import { EnsembleModel, stackOutputs, type CombineRule } from "./ensemble-model";

/** Trains one model family with fixed hyperparameters. */
export type FitModel = (X: Matrix, y: Targets, task: Task, options: TrainOptions) => Promise<FittedModel>;

export function votingEnsemble(members: FittedModel[], combine: CombineRule, weights?: number[]): EnsembleModel {
  return new EnsembleModel({ method: "voting", combine, weights: weights ?? members.map(() => 1) }, members);
}

/** Bagging: `estimators` copies of one model family, each trained on a bootstrap resample, averaged. */
export async function fitBagging(
  X: Matrix,
  y: Targets,
  task: Task,
  fit: FitModel,
  estimators: number,
  combine: CombineRule,
  options: TrainOptions,
): Promise<EnsembleModel> {
  const rng = new SeededRandom(options.seed);
  const members: FittedModel[] = [];
  for (let e = 0; e < estimators; e++) {
    const rows = Int32Array.from({ length: X.rows }, () => rng.int(X.rows));
    members.push(await fit(takeRows(X, rows), takeTargets(y, rows), task, { seed: rng.seed(), ...(options.signal ? { signal: options.signal } : {}) }));
  }
  return new EnsembleModel({ method: "bagging", combine, weights: members.map(() => 1) }, members);
}

/**
 * Stacking: each base model's predictions for every training row come from a copy
 * trained on the other folds (out-of-fold), so the meta-learner learns how far to trust
 * each model on rows it has not seen; the base models are then refitted on all rows.
 */
export async function fitStacking(
  X: Matrix,
  y: Targets,
  task: Task,
  bases: FitModel[],
  meta: FitModel,
  folds: number,
  options: TrainOptions,
): Promise<EnsembleModel> {
  if (bases.length === 0) throw new Error("Stacking needs at least one base model");
  if (folds < 2 || folds > X.rows) throw new Error(`Stacking needs 2 to ${X.rows} folds; got ${folds}`);
  const rng = new SeededRandom(options.seed);
  const foldOf = new Int32Array(X.rows);
  rng.shuffleInPlace(Int32Array.from({ length: X.rows }, (_, i) => i)).forEach((row, i) => (foldOf[row] = i % folds));
  const width = outputWidth(task);
  const outOfFold = bases.map(() => new Float32Array(X.rows * width));
  for (let f = 0; f < folds; f++) {
    const fitRows = Int32Array.from({ length: X.rows }, (_, r) => r).filter((r) => foldOf[r] !== f);
    const heldRows = Int32Array.from({ length: X.rows }, (_, r) => r).filter((r) => foldOf[r] === f);
    const heldX = takeRows(X, heldRows);
    for (const [b, fit] of bases.entries()) {
      const model = await fit(takeRows(X, fitRows), takeTargets(y, fitRows), task, { seed: rng.seed() });
      const predicted = await model.predict(heldX);
      model.dispose();
      heldRows.forEach((r, i) => outOfFold[b]!.set(predicted.subarray(i * width, (i + 1) * width), r * width));
    }
  }
  const metaModel = await meta(stackOutputs(outOfFold, X.rows), y, task, { seed: rng.seed() });
  const members: FittedModel[] = [];
  for (const fit of bases) members.push(await fit(X, y, task, { seed: rng.seed() }));
  return new EnsembleModel({ method: "stacking", combine: "soft", weights: members.map(() => 1) }, members, metaModel);
}
