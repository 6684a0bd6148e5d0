import { z } from "zod";
import { argmaxRows, classificationMetrics, regressionMetrics } from "../ml/metrics";
import { cellKey } from "../ml/table/cell-text";
import { getColumn, type Table } from "../ml/table/table";
import { columnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import type { MetricsValue, ModelArtifact, SplitValue } from "../spec/portValues";
import { modelInput, splitInput, tableSchemaInput } from "./inputs";
import type { ModelOutput } from "../model/modelOutput";
import { predictWithModel } from "../model/modelPrediction";

const PARTITIONS = { test: "test", validation: "valid", train: "train" } as const satisfies Record<string, keyof SplitValue>;

function scoreRows(artifact: ModelArtifact, output: ModelOutput, rows: number[]): Record<string, number> {
  const y = output.y!;
  if (artifact.task === "regression") {
    const truth = Float64Array.from(rows, (i) => y[i]!);
    const predicted = Float64Array.from(rows, (i) => output.scores[i]!);
    const m = regressionMetrics(truth, predicted);
    return { mse: m.mse, rmse: m.rmse, mae: m.mae, r2: m.r2 };
  }
  const classes = artifact.classes.length;
  const truth = Int32Array.from(rows, (i) => y[i]!);
  const probabilities = new Float32Array(rows.length * classes);
  rows.forEach((row, k) => probabilities.set(output.scores.subarray(row * classes, (row + 1) * classes), k * classes));
  const m = classificationMetrics(truth, probabilities, classes);
  return {
    accuracy: m.accuracy,
    macroF1: m.precisionRecallF1.macro.f1,
    weightedF1: m.precisionRecallF1.weighted.f1,
    logLoss: m.logLoss,
    ...(m.rocAuc === null ? {} : { rocAuc: m.rocAuc }),
  };
}

function confusion(artifact: ModelArtifact, output: ModelOutput, rows: number[]): number[][] {
  const classes = artifact.classes.length;
  const predicted = argmaxRows(output.scores, classes);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (const row of rows) matrix[output.y![row]!]![predicted[row]!]!++;
  return matrix;
}

/** Scores a model on one table (rows whose class the model never saw are counted in `skipped`, not scored). */
export async function evaluateModel(
  artifact: ModelArtifact,
  table: Table,
  partition: string,
  sliceBy: string | undefined,
): Promise<MetricsValue & { skipped: number }> {
  if (table.rowCount === 0) throw new Error(`The ${partition} split has no rows to evaluate on`);
  getColumn(table, artifact.target);
  const output = await predictWithModel(artifact, table, true);
  const all = Array.from({ length: output.rowIndices.length }, (_, i) => i);
  // A class never seen in training cannot be predicted; those rows are reported, not scored.
  const rows = artifact.task === "classification" ? all.filter((i) => output.y![i]! >= 0) : all;
  if (rows.length === 0) throw new Error(`No ${partition} rows have a target value the model knows`);
  const values = scoreRows(artifact, output, rows);
  const slices =
    sliceBy === undefined
      ? undefined
      : (() => {
          const column = getColumn(table, sliceBy);
          const groups = new Map<string, number[]>();
          for (const i of rows) {
            const key = cellKey(column, output.rowIndices[i]!);
            const list = groups.get(key) ?? [];
            list.push(i);
            groups.set(key, list);
          }
          return [...groups.entries()].map(([value, members]) => ({
            column: sliceBy,
            value: value === "" ? "(missing)" : value,
            rows: members.length,
            values: scoreRows(artifact, output, members),
          }));
        })();
  return {
    task: artifact.task,
    partition,
    rows: rows.length,
    values,
    skipped: all.length - rows.length,
    ...(artifact.task === "classification" ? { classes: artifact.classes, confusion: confusion(artifact, output, rows) } : {}),
    ...(slices === undefined ? {} : { slices }),
  };
}

export const evaluateNode = defineNode({
  kind: "evaluate",
  version: 1,
  title: "Evaluate",
  description: "Scores a model on the held-out test split (or another part): accuracy, F1, ROC AUC, log loss or RMSE, R²; optionally per slice.",
  stage: "Evaluate",
  inputs: [
    { name: "model", type: "Model" },
    { name: "data", type: "Split" },
  ],
  outputs: [{ name: "metrics", type: "Metrics" }],
  params: z.object({
    partition: z.enum(["test", "validation", "train"]).default("test").describe("Which part of the split to score on"),
    sliceBy: columnParam("Also report metrics per value of this column", "data").optional(),
  }),
  inferSchema(_params, context): InferResult {
    const table = tableSchemaInput(context.inputs, "data");
    const model = context.inputs["model"];
    if (model === undefined || model.type !== "Model") return { outputs: { metrics: { type: "Metrics" } } };
    const issues: NodeIssue[] = [...model.model.features.map((f) => f.name), model.model.target]
      .filter((name) => !table.columns.some((column) => column.name === name))
      .map((name) => ({
        port: "data",
        code: "unknown-column",
        message: `The model reads column "${name}", which the data does not have`,
      }));
    return issues.length > 0 ? { issues } : { outputs: { metrics: { type: "Metrics" } } };
  },
  async run({ params, inputs, reportMetric, log }) {
    const artifact = modelInput(inputs, "model");
    const split = splitInput(inputs, "data");
    const { skipped, ...metrics } = await evaluateModel(artifact, split[PARTITIONS[params.partition]], params.partition, params.sliceBy);
    if (skipped > 0) log(`${skipped} ${params.partition} rows have a class the model never saw and were not scored`, "warn");
    for (const [name, value] of Object.entries(metrics.values)) reportMetric(name, value);
    return { metrics };
  },
});
