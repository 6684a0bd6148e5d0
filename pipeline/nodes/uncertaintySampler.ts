import { z } from "zod";
import { diverseTopK, topK } from "../ml/activeLearning/batchSelection";
import { diversityPoints } from "../ml/activeLearning/diversityFeatures";
import { rowKeys } from "../ml/activeLearning/rowKeys";
import { SAMPLING_STRATEGIES, uncertaintyScores } from "../ml/activeLearning/uncertaintyScores";
import { displayValue } from "../ml/table/cell-text";
import { isMissing, type Column, type ColumnSchema, type Table } from "../ml/table/table";
import { predictWithModel } from "../model/modelPrediction";
import { columnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import type { SampledCell, SampledRow } from "../spec/labelingQueue";
import { labelingQueueNameSchema } from "../spec/labelingQueueNames";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import { modelInput, tableInput, tableSchemaInput } from "./inputs";

const samplerParams = z.object({
  queue: labelingQueueNameSchema.describe("The project's labeling queue the picked rows go to (created on the first run), e.g. churn labels"),
  strategy: z
    .enum(SAMPLING_STRATEGIES)
    .default("entropy")
    .meta({
      enumLabels: {
        "least-confident": "Least confident (1 − top probability)",
        margin: "Margin (top two classes close)",
        entropy: "Entropy (probability spread over all classes)",
        random: "Random (baseline)",
      },
    })
    .describe("How rows are ranked: the model's uncertainty about them, or random rows to compare against"),
  batchSize: z.number().int().min(1).max(1000).default(50).describe("Rows sent to the queue per run"),
  diversity: z
    .boolean()
    .default(false)
    .describe("Spread the batch over clusters of similar rows (the best of each), instead of many near-copies of one confusing row"),
  keyColumn: columnParam("Column that identifies a row (e.g. an id); without one, a row is identified by a hash of its values", "pool").optional(),
  seed: z.number().int().default(0).describe("Seed for the random strategy and the clustering; the same seed picks the same rows"),
});

type SamplerParams = z.output<typeof samplerParams>;

/** Columns the sampler adds to the picked rows, so the preview shows why each was chosen. */
const ADDED_COLUMNS: ColumnSchema[] = [
  { name: "row_key", type: "text" },
  { name: "score", type: "number" },
  { name: "guess", type: "category" },
  { name: "confidence", type: "number" },
];

const NO_PORT_MESSAGE = "The Uncertainty sampler sends rows to a labeling queue, which needs a server run.";

function cellValue(column: Column, row: number): SampledCell {
  if (isMissing(column, row)) return null;
  if (column.type === "boolean") return column.values[row] === 1;
  if (column.type === "number" || column.type === "integer") return column.values[row]!;
  return displayValue(column, row);
}

/** The picked rows as the output table: the pool's columns without the blank target, then key, score, guess and confidence. */
function pickedTable(pool: Table, target: string, picked: readonly SampledRow[], rows: readonly number[], classes: string[]): Table {
  const take = (column: Column): Column => {
    const indices = Int32Array.from(rows);
    if (column.type === "category") return { ...column, codes: Int32Array.from(indices, (r) => column.codes[r]!) };
    if (column.type === "text") return { ...column, values: Array.from(indices, (r) => column.values[r]!) };
    return { ...column, values: Float64Array.from(indices, (r) => column.values[r]!) };
  };
  return {
    rowCount: rows.length,
    columns: [
      ...pool.columns.filter((column) => column.name !== target).map(take),
      { name: "row_key", type: "text", values: picked.map((row) => row.key) },
      { name: "score", type: "number", values: Float64Array.from(picked, (row) => row.score) },
      { name: "guess", type: "category", codes: Int32Array.from(picked, (row) => (row.guess === null ? -1 : classes.indexOf(row.guess))), levels: classes },
      { name: "confidence", type: "number", values: Float64Array.from(picked, (row) => row.confidence ?? NaN) },
    ],
  };
}

/** The rows to offer: not blank-keyed, not already queued, and each key once (duplicate rows share a hash). */
function candidateRows(keys: readonly (string | null)[], known: ReadonlySet<string>): number[] {
  const seen = new Set<string>();
  const candidates: number[] = [];
  keys.forEach((key, row) => {
    if (key === null || known.has(key) || seen.has(key)) return;
    seen.add(key);
    candidates.push(row);
  });
  return candidates;
}

function pickRows(params: SamplerParams, scores: Float64Array, candidates: number[], pool: Table, features: string[]): number[] {
  if (!params.diversity) return topK(scores, candidates, params.batchSize);
  return diverseTopK(scores, candidates, params.batchSize, (rows) => diversityPoints(pool, features, rows), params.seed);
}

/**
 * Picks the unlabelled rows a classifier is least sure about (or random ones, as the baseline) and
 * sends them to a project's labeling queue, where people label them; rows the queue already holds are
 * never sent twice. It writes the queue through the host's port, so it runs only on a server worker.
 */
export const uncertaintySamplerNode = defineNode({
  kind: "uncertainty-sampler",
  version: 1,
  title: "Uncertainty sampler",
  description:
    "Scores unlabelled rows by how unsure the model is about them (least confident, margin, entropy, or random as the baseline) and sends the top batch to a labeling queue. Runs on a server worker.",
  stage: "Label",
  sideEffect: { reason: "The Uncertainty sampler sends rows to a labeling queue on the server" },
  inputs: [
    { name: "model", type: "Model", description: "A trained classifier: its class probabilities rank the rows" },
    { name: "pool", type: "Table", description: "Unlabelled rows to choose from; a blank target column is ignored" },
  ],
  outputs: [{ name: "batch", type: "Table", description: "The rows sent to the queue with their row key, score, the model's guess and its confidence" }],
  params: samplerParams,
  inferSchema(_params, context): InferResult {
    const pool = tableSchemaInput(context.inputs, "pool");
    const model = context.inputs["model"];
    if (model === undefined || model.type !== "Model") return { outputs: {} };
    const issues: NodeIssue[] = [];
    if (model.model.task !== "classification") {
      issues.push({
        port: "model",
        code: "invalid-schema",
        message: "The Uncertainty sampler ranks rows by a classifier's class probabilities; this model does regression",
      });
    }
    for (const feature of model.model.features) {
      if (!pool.columns.some((column) => column.name === feature.name)) {
        issues.push({ port: "pool", code: "unknown-column", message: `The model reads column "${feature.name}", which the pool does not have` });
      }
    }
    const kept = pool.columns.filter((column) => column.name !== model.model.target);
    for (const added of ADDED_COLUMNS) {
      if (kept.some((column) => column.name === added.name)) {
        issues.push({
          port: "pool",
          code: "invalid-schema",
          message: `The pool has a column "${added.name}", which the sampler adds to its output: rename it first (Rename columns)`,
        });
      }
    }
    if (issues.length > 0) return { issues };
    return { outputs: { batch: { type: "Table", table: { columns: [...kept, ...ADDED_COLUMNS] } } } };
  },
  async run({ params, inputs, labelingQueue, reportMetric, log }) {
    const model = modelInput(inputs, "model");
    const pool = tableInput(inputs, "pool");
    if (labelingQueue === undefined) throw new Error(NO_PORT_MESSAGE);
    if (model.task !== "classification") throw new Error("The Uncertainty sampler needs a classifier; this model does regression");

    const keys = rowKeys(pool, params.keyColumn === undefined ? { ignore: [model.target] } : { keyColumn: params.keyColumn });
    const blankKeys = keys.filter((key) => key === null).length;
    if (blankKeys > 0) log(`${blankKeys} rows have no ${params.keyColumn} and were left out`, "warn");
    const known = await labelingQueue.knownKeys(params.queue);
    const candidates = candidateRows(keys, known);

    const output = await predictWithModel(model, pool, false);
    // Predictions come back for the rows the model could read; map them to pool rows.
    const width = output.width;
    const probabilities = new Float64Array(pool.rowCount * width).fill(NaN);
    output.rowIndices.forEach((row, i) => probabilities.set(output.scores.subarray(i * width, (i + 1) * width), row * width));
    const predicted = candidates.filter((row) => !Number.isNaN(probabilities[row * width]!));
    const scores = uncertaintyScores(params.strategy, { values: probabilities, width }, pool.rowCount, params.seed);
    const features = model.features.map((feature) => feature.name);
    const rows = pickRows(params, scores, predicted, pool, features);

    const columns = pool.columns.filter((column) => column.name !== model.target);
    const picked: SampledRow[] = rows.map((row) => {
      let best = 0;
      for (let k = 1; k < width; k++) if (probabilities[row * width + k]! > probabilities[row * width + best]!) best = k;
      return {
        key: keys[row]!,
        values: Object.fromEntries(columns.map((column) => [column.name, cellValue(column, row)])),
        score: scores[row]!,
        guess: model.classes[best] ?? null,
        confidence: probabilities[row * width + best]!,
      };
    });
    if (picked.length === 0) {
      log(`No rows left to sample: all ${pool.rowCount} pool rows are already in "${params.queue}"`, "warn");
    }
    const outcome = await labelingQueue.enqueue({ queueName: params.queue, targetColumn: model.target, classes: model.classes, rows: picked });
    log(outcome.message);
    reportMetric("queued", outcome.added);
    return { batch: pickedTable(pool, model.target, picked, rows, model.classes) };
  },
});
