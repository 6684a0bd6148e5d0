import type { Matrix, Targets, Task, TrainOptions } from "../types";
import { fitLogistic } from "./logistic";
import { LinearModel } from "./model";
import { logisticParamsSchema, ridgeParamsSchema, type LogisticParams, type RidgeParams } from "./params";
import { withLinearThreads } from "./linear-threads";
import { fitRidge } from "./ridge";

/** Ridge / least squares in closed form. A validation set is not needed: there is nothing to stop early. */
export async function fitLinearRegression(X: Matrix, y: Targets, task: Task, params: Partial<RidgeParams>, options: TrainOptions): Promise<LinearModel> {
  if (task.kind !== "regression") throw new Error("Linear regression needs a numeric (regression) target");
  options.signal?.throwIfAborted();
  const parsed = ridgeParamsSchema.parse(params);
  // Ridge's helpers read the table where it is, so they are asked only for a table already in shared
  // memory: copying one there costs a fresh fit more than the helper saves (80k × 20: 35–47 ms
  // threaded with the copy, 19–24 ms alone). Otherwise the threads are not taken at all.
  const sharesTable = X.data.buffer instanceof SharedArrayBuffer;
  const coefficients = await withLinearThreads(X, sharesTable ? options : { ...options, threads: false }, (threads) => fitRidge(X, y, parsed, threads));
  return new LinearModel("linear_regression", task, X.cols, parsed, coefficients);
}

/** Newton / L-BFGS to convergence; each step is reported as an epoch whose loss is the penalised mean log-loss. */
export async function fitLogisticRegression(X: Matrix, y: Targets, task: Task, params: Partial<LogisticParams>, options: TrainOptions): Promise<LinearModel> {
  if (task.kind !== "classification") throw new Error("Logistic regression needs a classification target");
  const parsed = logisticParamsSchema.parse(params);
  const { signal, onEpoch } = options;
  const coefficients = await withLinearThreads(X, options, (threads) =>
    fitLogistic(X, y, task.classes, parsed, {
      ...(signal === undefined ? {} : { signal }),
      ...(onEpoch === undefined ? {} : { onStep: (step: number, loss: number) => onEpoch({ epoch: step, loss }) }),
      ...(threads === undefined ? {} : { threads }),
    }),
  );
  return new LinearModel("logistic_regression", task, X.cols, parsed, coefficients);
}
