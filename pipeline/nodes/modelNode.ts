import { z } from "zod";
import type { EpochReport as ModelEpochReport, Targets } from "../ml/models/types";
import type { ColumnSchema, TableSchema } from "../ml/table/table";
import { columnListParam, columnParam, targetColumnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult, type NodeDefinition } from "../spec/nodeDefinition";
import type { ModelTask } from "../spec/portTypes";
import type { ModelArtifact, SplitValue } from "../spec/portValues";
import { splitInput, tableSchemaInput } from "./inputs";
import { applyPreprocessing, fitPreprocessing, type ModelPreprocessing, type PreparedRows } from "../model/modelPreprocessing";
import { loadTrainer } from "../model/modelTrainers";

const sharedParams = {
  target: targetColumnParam("Column to predict; defaults to the input's target column"),
  task: z
    .enum(["auto", "classification", "regression"])
    .default("auto")
    .describe("auto: classification for category, boolean and small-integer targets, else regression"),
  seed: z.number().int().default(0).describe("Seed for weight initialisation, shuffling and sampling"),
};
const matrixParams = {
  ...sharedParams,
  features: columnListParam("Feature columns; empty means every non-text column except the target").optional(),
};
const textParams = { ...sharedParams, textColumn: columnParam("Column holding the text to classify") };

/** The common params are typed; hyperparameters are validated by the model's own schema and passed through. */
export type ModelNodeParams = z.output<z.ZodObject<typeof matrixParams>> &
  Partial<Pick<z.output<z.ZodObject<typeof textParams>>, "textColumn">> &
  Record<string, unknown>;

export interface ModelNodeSpec {
  kind: string;
  title: string;
  description: string;
  modelKind: string;
  /** A feature matrix built from table columns, or one free-text column. */
  input: "matrix" | "text";
  hyperparameters: z.ZodRawShape;
  /** Gradient-trained models want standardised inputs; trees do not care. */
  standardize: boolean;
  /** Standardise numeric features only, leaving one-hot columns 0/1 (see PreprocessingOptions). */
  standardizeNumericOnly?: boolean;
  /** Hyperparameter naming the number of epochs / rounds, for progress bars. */
  epochsParam?: string;
  /** The node kind's version (1 when absent); bump it when the same params train a different model. */
  version?: number;
  /** How params written for an older version become the current ones (see NodeDefinition.upgrades). */
  upgrades?: NodeDefinition["upgrades"];
}

/** The task the compiler assumes for `auto`; integer targets are guessed to be class labels. */
function guessTask(type: ColumnSchema["type"]): ModelTask {
  return type === "number" || type === "date" ? "regression" : "classification";
}

function checkColumns(spec: ModelNodeSpec, p: ModelNodeParams, target: string, table: TableSchema): { issues: NodeIssue[]; features: ColumnSchema[] } {
  const issues: NodeIssue[] = [];
  const byName = (name: string) => table.columns.find((column) => column.name === name)!;
  if (spec.input === "text") {
    const column = byName(p.textColumn!);
    if (column.type !== "text" && column.type !== "category") {
      issues.push({ param: "textColumn", code: "invalid-column-type", message: `"${column.name}" is ${column.type}, not text` });
    }
    if (column.name === target) issues.push({ param: "textColumn", code: "invalid-param", message: "The text column cannot be the target" });
    return { issues, features: [column] };
  }
  const names = p.features ?? table.columns.filter((c) => c.type !== "text" && c.name !== target).map((c) => c.name);
  if (names.length === 0) issues.push({ param: "features", code: "invalid-param", message: "There are no feature columns besides the target" });
  names.forEach((name, index) => {
    if (name === target) {
      issues.push({ param: `features.${index}`, code: "invalid-param", message: `"${name}" is the target; it cannot also be a feature` });
    } else if (byName(name).type === "text") {
      issues.push({ param: `features.${index}`, code: "invalid-column-type", message: `"${name}" is free text; use a text model or cast it to category` });
    }
  });
  return { issues, features: names.map(byName) };
}

/** How a fit reports back: the model node forwards epochs to the canvas; the tuner and ensembles stay quiet per fit. */
export interface FitOptions {
  seed: number;
  signal: AbortSignal;
  onEpoch?: (report: ModelEpochReport) => void;
  log?: (message: string) => void;
}

async function train(
  spec: ModelNodeSpec,
  hyperparameters: Record<string, unknown>,
  rows: PreparedRows,
  validation: PreparedRows | undefined,
  task: Parameters<Awaited<ReturnType<typeof loadTrainer>>["fit"]>[2],
  fit: FitOptions,
) {
  const options = { seed: fit.seed, signal: fit.signal, ...(fit.onEpoch === undefined ? {} : { onEpoch: fit.onEpoch }) };
  const y: Targets = rows.y!;
  const trainer = await loadTrainer(spec.modelKind);
  if (trainer.backend !== undefined) fit.log?.(`TensorFlow.js backend: ${trainer.backend}`);
  if (trainer.input === "text") {
    const withValidation = validation?.y !== undefined && validation.texts !== undefined ? { validation: { texts: validation.texts, y: validation.y } } : {};
    return trainer.fit(rows.texts!, y, task, hyperparameters, { ...options, ...withValidation });
  }
  const withValidation = validation?.y === undefined ? {} : { validation: { X: validation.X, y: validation.y } };
  return trainer.fit(rows.X, y, task, hyperparameters, { ...options, ...withValidation });
}

function prepare(
  spec: ModelNodeSpec,
  p: ModelNodeParams,
  target: string,
  split: SplitValue,
): { state: ModelPreprocessing; rows: PreparedRows; validation?: PreparedRows } {
  const { state, rows } = fitPreprocessing(split.train, {
    target,
    ...(p.features === undefined ? {} : { features: p.features }),
    ...(p.textColumn === undefined ? {} : { textColumn: p.textColumn }),
    ...(p.task === "auto" ? {} : { task: p.task }),
    standardize: spec.standardize,
    numericOnly: spec.standardizeNumericOnly === true,
  });
  if (rows.y === undefined || rows.rowIndices.length === 0) throw new Error(`The train split has no rows with a value in "${target}"`);
  return { state, rows, ...(split.valid.rowCount > 0 ? { validation: applyPreprocessing(state, split.valid) } : {}) };
}

/**
 * Fits preprocessing and a model on the train split (the validation part, when there
 * is one, drives early stopping) and packs both into a Model artifact. `p` holds the
 * common params (target, task, features / textColumn) and the hyperparameters.
 */
export async function fitModelArtifact(
  spec: ModelNodeSpec,
  p: ModelNodeParams,
  split: SplitValue,
  fit: FitOptions,
): Promise<{ artifact: ModelArtifact; trainMs: number }> {
  const targetName = p.target;
  if (targetName === undefined) throw new Error("Choose the column to predict: the model's target is empty and its input has no target column");
  const commonKeys = new Set(Object.keys(spec.input === "text" ? textParams : matrixParams));
  const hyperparameters = Object.fromEntries(Object.entries(p).filter(([key]) => !commonKeys.has(key)));
  const { state, rows, validation } = prepare(spec, p, targetName, split);
  const target = state.featurizer.target!;
  const classes = target.task === "classification" ? target.classes : [];
  if (target.task === "classification" && classes.length < 2) {
    throw new Error(`Target "${targetName}" has ${classes.length} class in the train split; a classifier needs at least 2`);
  }
  const task = target.task === "classification" ? { kind: "classification" as const, classes: classes.length } : { kind: "regression" as const };
  const started = performance.now();
  const model = await train(spec, hyperparameters, rows, validation, task, fit);
  const trainMs = performance.now() - started;
  const json = model.toJSON();
  model.dispose();
  fit.log?.(
    `Trained ${spec.title} on ${rows.rowIndices.length} rows${spec.input === "matrix" ? ` × ${rows.X.cols} features` : ""} in ${Math.round(trainMs)} ms`,
  );
  const columns = state.textColumn === null ? state.featurizer.features.map((feature) => feature.column) : [state.textColumn];
  const artifact: ModelArtifact = {
    modelKind: spec.modelKind,
    task: target.task,
    target: targetName,
    features: columns.map((name) => {
      const column = split.train.columns.find((c) => c.name === name)!;
      return { name: column.name, type: column.type };
    }),
    classes,
    preprocessing: state,
    model: json,
    trainRows: rows.rowIndices.length,
  };
  return { artifact, trainMs };
}

/** A model node's definition, with the spec it was built from (the tuner trains the same way). */
export type ModelNodeDefinition = NodeDefinition<ModelNodeParams> & { modelSpec: ModelNodeSpec };

/**
 * A Model-stage node: fits preprocessing and a model on the train split (the
 * validation part, when there is one, drives early stopping) and outputs a Model
 * artifact that predicts from raw rows.
 */
export function defineModelNode(spec: ModelNodeSpec): ModelNodeDefinition {
  const inputParams = spec.input === "text" ? textParams : matrixParams;
  // The object's output is the common params plus the hyperparameters; TypeScript cannot see that through the spread.
  const params = z.object({ ...inputParams, ...spec.hyperparameters }) as unknown as z.ZodType<ModelNodeParams>;
  const definition = defineNode({
    kind: spec.kind,
    version: spec.version ?? 1,
    ...(spec.upgrades === undefined ? {} : { upgrades: spec.upgrades }),
    title: spec.title,
    description: spec.description,
    stage: "Model",
    inputs: [{ name: "data", type: "Split", description: "Trains on train, early-stops on validation" }],
    outputs: [{ name: "model", type: "Model" }],
    params,
    inferSchema(p, context): InferResult {
      const table = tableSchemaInput(context.inputs, "data");
      const target = p.target;
      // The compiler fills an empty target from the input's; reaching here without one means it had none either.
      if (target === undefined) return { issues: [{ param: "target", code: "missing-target", message: "Choose the column to predict" }] };
      const targetColumn = table.columns.find((column) => column.name === target)!;
      const task: ModelTask = p.task === "auto" ? guessTask(targetColumn.type) : p.task;
      const { issues, features } = checkColumns(spec, p, target, table);
      if (task === "regression" && (targetColumn.type === "category" || targetColumn.type === "text")) {
        issues.unshift({ param: "target", code: "invalid-column-type", message: `Regression needs a numeric target; "${target}" is ${targetColumn.type}` });
      }
      if (issues.length > 0) return { issues };
      return {
        outputs: { model: { type: "Model", model: { modelKind: spec.modelKind, task, target, features, targetType: targetColumn.type } } },
      };
    },
    async run(context) {
      const epochs = spec.epochsParam === undefined ? undefined : context.params[spec.epochsParam];
      const { artifact, trainMs } = await fitModelArtifact(spec, context.params, splitInput(context.inputs, "data"), {
        seed: context.params.seed,
        signal: context.signal,
        log: context.log,
        onEpoch: (report) =>
          context.reportEpoch({
            epoch: report.epoch,
            ...(typeof epochs === "number" ? { epochs } : {}),
            loss: report.loss,
            metrics: {
              ...(report.valLoss === undefined ? {} : { valLoss: report.valLoss }),
              ...(report.metric === undefined ? {} : { validation: report.metric }),
            },
          }),
      });
      context.reportMetric("trainMs", trainMs);
      return { model: artifact };
    },
  });
  return { ...definition, modelSpec: spec };
}
