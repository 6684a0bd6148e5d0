import { cellValue } from "@/pipeline/ml/table/cell-values";
import { formatCsvRows, spreadsheetSafeRows } from "@/pipeline/ml/table/csv";
import { getColumn, type Column, type Table } from "@/pipeline/ml/table/table";
import { takeRows } from "@/pipeline/ml/table/take-rows";
import { loadModel, type LoadedModel } from "@/pipeline/model/modelTrainers";
import type { ModelLoader } from "@/pipeline/model/modelLoaders";
import { predictWithModel } from "@/pipeline/model/modelPrediction";
import type { ModelArtifact } from "@/pipeline/spec/portValues";

/** Rows per predict call: big enough that per-call overhead vanishes, small enough that progress moves and cancel is prompt. */
export const BATCH_CHUNK_ROWS = 5000;

/** The key column's header when the input has none chosen: the 1-based row number of the input. */
export const ROW_NUMBER_COLUMN = "row";

export interface ScoreOptions {
  keyColumn: string | null;
  chunkRows?: number;
  /** Called after each chunk with the rows scored so far; false stops scoring (the batch was cancelled). */
  onProgress(rowsDone: number): Promise<boolean>;
  signal: AbortSignal;
}

/** The result file's header: key, prediction, then one probability per class for a classifier. */
export function resultHeader(model: ModelArtifact, keyColumn: string | null): string[] {
  const probabilities = model.task === "classification" ? model.classes.map((label) => `probability_${label}`) : [];
  return [keyColumn ?? ROW_NUMBER_COLUMN, "prediction", ...probabilities];
}

/**
 * Scores every row of `table` with the model, chunk by chunk, and returns the result CSV: one line
 * per input row, in input order. The model sees exactly what the endpoint would give it (its features,
 * in signature order), and a row its preprocessing cannot score gets an empty prediction rather than
 * shifting the others. Null when stopped before the end.
 */
export async function scoreTable(model: ModelArtifact, table: Table, options: ScoreOptions): Promise<string | null> {
  const chunkRows = options.chunkRows ?? BATCH_CHUNK_ROWS;
  const features: Table = { rowCount: table.rowCount, columns: model.features.map((feature) => getColumn(table, feature.name)) };
  const key = options.keyColumn === null ? null : getColumn(table, options.keyColumn);
  const width = model.task === "classification" ? model.classes.length : 1;
  const lines: string[] = [formatCsvRows(spreadsheetSafeRows([resultHeader(model, options.keyColumn)]))];
  const models = jobModels();
  try {
    for (let start = 0; start < table.rowCount; start += chunkRows) {
      options.signal.throwIfAborted();
      const end = Math.min(table.rowCount, start + chunkRows);
      const indices = Array.from({ length: end - start }, (_, i) => start + i);
      const output = await predictWithModel(model, takeRows(features, indices), false, models);
      const scored = new Map<number, number>();
      output.rowIndices.forEach((row, i) => scored.set(row, i));
      const rows = indices.map((row, local) => [keyText(key, row), ...predictionCells(model, scored.get(local), output.scores, width)]);
      lines.push(formatCsvRows(spreadsheetSafeRows(rows)));
      if (!(await options.onProgress(end))) return null;
    }
  } finally {
    models.dispose();
  }
  return lines.join("");
}

function keyText(key: Column | null, row: number): string {
  if (key === null) return String(row + 1);
  const value = cellValue(key, row);
  return value === null ? "" : String(value);
}

function predictionCells(model: ModelArtifact, at: number | undefined, scores: Float32Array, width: number): string[] {
  if (model.task === "regression") return [at === undefined ? "" : String(scores[at]!)];
  if (at === undefined) return ["", ...model.classes.map(() => "")];
  let best = 0;
  for (let k = 1; k < width; k++) if (scores[at * width + k]! > scores[at * width + best]!) best = k;
  return [model.classes[best]!, ...model.classes.map((_, k) => String(scores[at * width + k]!))];
}

/** One load per model (an ensemble has several) for the whole batch, freed when it ends. */
function jobModels(): ModelLoader & { dispose(): void } {
  const loaded = new Map<unknown, Promise<LoadedModel>>();
  return {
    load(json) {
      let model = loaded.get(json);
      if (model === undefined) {
        model = loadModel(json);
        loaded.set(json, model);
      }
      return model;
    },
    release() {},
    dispose() {
      for (const model of loaded.values()) void model.then((m) => m.model.dispose()).catch(() => undefined);
      loaded.clear();
    },
  };
}
