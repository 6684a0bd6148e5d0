import { z } from "zod";
import { checkSearchSpace, searchSpaceFromParams, searchSpaceSchema, type ParamSet, type SearchSpace } from "../ml/tuner/search-space";
import { tune, type Trial } from "../ml/tuner/tune";
import { columnListParam, columnParam, targetColumnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import type { MetricsValue, ModelArtifact, TrialRecord } from "../spec/portValues";
import type { TunerTrialTask } from "../spec/tunerTrials";
import { evaluateModel } from "./evaluate";
import { splitInput } from "./inputs";
import type { ModelNodeDefinition, ModelNodeParams } from "./modelNode";
import { MODEL_NODES, modelNodeByKind } from "./modelNodes";
import { inProcessTrialRunner } from "./tunerTrial";

const MODEL_NODE_KINDS = MODEL_NODES.map((node) => node.kind) as [string, ...string[]];

/** Validation metrics a trial can be scored by, and which way is better. */
const OBJECTIVES = {
  accuracy: "maximize",
  macroF1: "maximize",
  weightedF1: "maximize",
  rocAuc: "maximize",
  logLoss: "minimize",
  r2: "maximize",
  rmse: "minimize",
  mse: "minimize",
  mae: "minimize",
} as const;
type Objective = keyof typeof OBJECTIVES;
const CLASSIFICATION_OBJECTIVES: readonly Objective[] = ["accuracy", "macroF1", "weightedF1", "rocAuc", "logLoss"];

const params = z.object({
  model: z
    .enum(MODEL_NODE_KINDS)
    .default("gradient-boosting")
    .meta({ enumLabels: Object.fromEntries(MODEL_NODES.map((node) => [node.kind, node.modelSpec.title])) })
    .describe("Model kind to tune"),
  target: targetColumnParam("Column to predict; defaults to the input's target column"),
  task: z.enum(["auto", "classification", "regression"]).default("auto"),
  features: columnListParam("Feature columns; empty means every non-text column except the target").optional(),
  textColumn: columnParam("Text column (text models only)").optional(),
  searchSpace: searchSpaceSchema
    .optional()
    // The inspector edits it as rows of the chosen model's hyperparameters (the `model` param).
    .meta({ searchSpaceOf: "model" })
    .describe("Ranges and choices to search; left out, they are derived from the model's hyperparameters"),
  fixed: z.record(z.string(), z.unknown()).default({}).describe('Hyperparameters every trial uses, e.g. {"earlyStopping": "off"}'),
  algorithm: z.enum(["grid", "random", "tpe", "hyperband"]).default("tpe"),
  objective: z
    .enum(Object.keys(OBJECTIVES) as [Objective, ...Objective[]])
    .default("accuracy")
    .describe("Metric on the validation split"),
  direction: z.enum(["auto", "maximize", "minimize"]).default("auto").describe("auto: the metric's natural direction"),
  maxTrials: z.number().int().min(1).max(500).default(20),
  gridPoints: z.number().int().min(1).max(20).default(3).describe("Grid: values per numeric range"),
  minBudget: z.number().int().min(1).default(10).describe("Hyperband: epochs / rounds / trees of the cheapest trial"),
  maxBudget: z.number().int().min(1).default(200).describe("Hyperband: epochs / rounds / trees of a full trial"),
  seed: z.number().int().default(0).describe("Seeds the search and every trial's training"),
  parallelTrials: z
    .number()
    .int()
    .min(1)
    .max(32)
    .default(4)
    .describe("Trials proposed at once: on the server they train in parallel across workers; in the browser one after another"),
});
type TunerParams = z.output<typeof params>;

/** `kind` comes from the params enum of MODEL_NODES' kinds, so it is always found. */
function modelNodeOf(kind: string): ModelNodeDefinition {
  return modelNodeByKind(kind)!;
}

/** The wrapped model node's params for one trial: the common ones plus hyperparameters. */
function trialParams(p: TunerParams, hyperparameters: Record<string, unknown>): ModelNodeParams {
  const node = modelNodeOf(p.model);
  const columns =
    node.modelSpec.input === "text"
      ? p.textColumn === undefined
        ? {}
        : { textColumn: p.textColumn }
      : p.features === undefined
        ? {}
        : { features: p.features };
  return { ...hyperparameters, ...(p.target === undefined ? {} : { target: p.target }), task: p.task, seed: p.seed, ...columns };
}

/**
 * The space to search: the user's, or one derived from the model's hyperparameters
 * minus those fixed (and, for Hyperband, minus the epochs param, which the budget sets).
 */
export function tunerSearchSpace(p: Pick<TunerParams, "model" | "searchSpace" | "fixed" | "algorithm">): SearchSpace {
  if (p.searchSpace !== undefined) return p.searchSpace;
  const spec = modelNodeOf(p.model).modelSpec;
  const exclude = [...Object.keys(p.fixed), ...(p.algorithm === "hyperband" && spec.epochsParam !== undefined ? [spec.epochsParam] : [])];
  return searchSpaceFromParams(z.object(spec.hyperparameters), { exclude });
}

function checkParams(p: TunerParams): NodeIssue[] {
  const spec = modelNodeOf(p.model).modelSpec;
  const issues: NodeIssue[] = [];
  const space = tunerSearchSpace(p);
  if (Object.keys(space).length === 0) {
    issues.push({ param: "searchSpace", code: "invalid-param", message: "The search space is empty: give at least one hyperparameter a range or choices" });
  }
  for (const name of Object.keys(space)) {
    if (!(name in spec.hyperparameters)) {
      issues.push({
        param: `searchSpace.${name}`,
        code: "invalid-param",
        message: `"${name}" is not a hyperparameter of ${spec.title}: use one of ${Object.keys(spec.hyperparameters).join(", ")}`,
      });
    }
  }
  const fixed = z.object(spec.hyperparameters).partial().strict().safeParse(p.fixed);
  if (!fixed.success) {
    for (const issue of fixed.error.issues)
      issues.push({ param: ["fixed", ...issue.path.map(String)].join("."), code: "invalid-param", message: issue.message });
  }
  if (p.algorithm === "hyperband" && spec.epochsParam === undefined) {
    issues.push({ param: "algorithm", code: "invalid-param", message: `Hyperband needs a model trained in epochs, rounds or trees; ${spec.title} has none` });
  }
  if (p.algorithm === "hyperband" && p.maxBudget < p.minBudget)
    issues.push({ param: "maxBudget", code: "invalid-param", message: "maxBudget must be at least minBudget" });
  if (spec.input === "text" && p.textColumn === undefined)
    issues.push({ param: "textColumn", code: "invalid-param", message: `${spec.title} needs the text column` });
  return issues;
}

export const tunerNode = defineNode({
  kind: "tuner",
  version: 1,
  title: "Hyperparameter tuner",
  description:
    "Searches a model's hyperparameters (grid, random, TPE or Hyperband), scoring each trial on the validation split; outputs the best model and the trials table.",
  stage: "Tune",
  inputs: [{ name: "data", type: "Split", description: "Trials train on train and are scored on validation; test stays untouched" }],
  outputs: [
    { name: "model", type: "Model", description: "The best trial's model, preprocessing included" },
    { name: "trials", type: "Metrics", description: "The best model's validation metrics and every trial" },
  ],
  params,
  inferSchema(p, context): InferResult {
    const data = context.inputs["data"];
    const issues = checkParams(p);
    if (data?.type === "Split" && data.validation === 0) {
      issues.push({
        port: "data",
        code: "missing-input",
        message: "The tuner scores trials on the validation part, but this split has none: give the Split a validation share above 0",
      });
    }
    if (issues.length > 0) return { issues };
    const inferred = modelNodeOf(p.model).inferSchema(trialParams(p, {}), context);
    if ("issues" in inferred) return inferred;
    const model = inferred.outputs["model"];
    const objectiveIssue =
      model?.type === "Model" && (model.model.task === "classification") !== CLASSIFICATION_OBJECTIVES.includes(p.objective)
        ? [{ param: "objective", code: "invalid-param" as const, message: `"${p.objective}" does not score a ${model.model.task} model` }]
        : [];
    if (objectiveIssue.length > 0) return { issues: objectiveIssue };
    return { outputs: { model: model!, trials: { type: "Metrics" } } };
  },
  async run(context) {
    const { params: p, inputs, signal, reportEpoch, reportMetric, log } = context;
    const split = splitInput(inputs, "data");
    if (split.valid.rowCount === 0)
      throw new Error("The tuner scores trials on the validation part, but this split has none: give the Split a validation share above 0");
    const space = checkSearchSpace(tunerSearchSpace(p));
    if (p.searchSpace === undefined) log(`Search space derived from the model's params: ${JSON.stringify(space)}`);
    const spec = modelNodeOf(p.model).modelSpec;
    const direction = p.direction === "auto" ? OBJECTIVES[p.objective] : p.direction;
    const better = (a: number, b: number) => (direction === "maximize" ? a > b : a < b);
    const hyperparametersOf = (trial: ParamSet, budget: number | undefined) => ({
      ...p.fixed,
      ...trial,
      ...(budget === undefined || spec.epochsParam === undefined ? {} : { [spec.epochsParam]: budget }),
    });
    const runner = context.tunerTrialRunner ?? inProcessTrialRunner();
    const trialTask = (hyperparameters: Record<string, unknown>): TunerTrialTask => ({
      model: p.model,
      params: trialParams(p, hyperparameters),
      objective: p.objective,
      seed: p.seed,
    });

    // Keep only the best trial's model, so the winner needs no refit in the common case.
    let kept: { trial: number; score: number; model: () => Promise<ModelArtifact> } | undefined;
    let best = NaN;
    let finished = 0;
    let firstFailure: string | undefined;
    const result = await tune(
      space,
      async (trial, budget, index) => {
        let score = NaN;
        try {
          const outcome = await runner.run({ nodeId: context.nodeId, index, task: trialTask(hyperparametersOf(trial, budget)), split }, signal);
          score = outcome.score;
          if (kept === undefined || better(score, kept.score) || (score === kept.score && index < kept.trial))
            kept = { trial: index, score, model: outcome.model };
          return score;
        } catch (error) {
          if (signal.aborted) throw error;
          const message = error instanceof Error ? error.message : String(error);
          firstFailure ??= message;
          log(`Trial ${index + 1} failed: ${message}`, "warn");
          throw error;
        } finally {
          if (!Number.isNaN(score) && (Number.isNaN(best) || better(score, best))) best = score;
          finished++;
          reportEpoch({
            epoch: finished,
            epochs: p.maxTrials,
            metrics: { ...(Number.isNaN(score) ? {} : { [p.objective]: score }), ...(Number.isNaN(best) ? {} : { best }) },
          });
        }
      },
      {
        algorithm: p.algorithm,
        direction,
        maxTrials: p.maxTrials,
        seed: p.seed,
        gridPoints: p.gridPoints,
        minBudget: p.minBudget,
        maxBudget: p.maxBudget,
        batchSize: p.parallelTrials,
      },
      signal,
    );
    if (Number.isNaN(result.best.score)) throw new Error(`Every trial failed; the first with: ${firstFailure ?? "an unknown error"}`);
    // Hyperband's best may be a trial that a later, pruned rung re-ran; then its model was not kept.
    const artifact =
      kept?.trial === result.best.index
        ? await kept.model()
        : await (
            await runner.run(
              { nodeId: context.nodeId, index: result.trials.length, task: trialTask(hyperparametersOf(result.best.params, result.best.budget)), split },
              signal,
            )
          ).model();
    const validation = await evaluateModel(artifact, split.valid, "validation", undefined);
    reportMetric(p.objective, result.best.score);
    log(`Best of ${result.trials.length} trials: ${p.objective} ${result.best.score.toFixed(4)} with ${JSON.stringify(result.best.params)}`);
    const metrics: MetricsValue = {
      task: validation.task,
      partition: "validation",
      rows: validation.rows,
      values: validation.values,
      ...(validation.classes === undefined ? {} : { classes: validation.classes, confusion: validation.confusion! }),
      trials: result.trials.map(trialRecord),
      objective: { metric: p.objective, goal: direction },
      bestTrial: { trial: result.best.index + 1, ...(result.best.budget === undefined ? {} : { budget: result.best.budget }) },
    };
    return { model: artifact, trials: metrics };
  },
});

function trialRecord(t: Trial): TrialRecord {
  return {
    trial: t.index + 1,
    params: t.params,
    score: t.score,
    durationMs: t.durationMs,
    pruned: t.pruned,
    ...(t.budget === undefined ? {} : { budget: t.budget }),
  };
}
