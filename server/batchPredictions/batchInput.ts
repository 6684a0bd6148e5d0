import { parseDataset } from "@/pipeline/ml/table/dataset-format";
import type { ColumnType, Table } from "@/pipeline/ml/table/table";
import type { ModelSignature } from "../deployments/signature";
import { DomainError } from "../errors/domainError";

/**
 * Refuses an input the model cannot score, before any job is queued: a key column that is not in it,
 * or features the model reads that it lacks (all of them named, so one fix is enough).
 */
export function checkBatchColumns(columns: readonly string[], signature: ModelSignature, keyColumn: string | null): void {
  const present = new Set(columns);
  if (keyColumn !== null && !present.has(keyColumn)) {
    throw new DomainError("unprocessable", `The key column "${keyColumn}" is not in the input. Its columns are: ${columns.join(", ")}.`);
  }
  const missing = signature.features.filter((feature) => !present.has(feature.name)).map((feature) => `"${feature.name}"`);
  if (missing.length > 0) {
    const noun = missing.length === 1 ? "feature" : "features";
    throw new DomainError(
      "unprocessable",
      `The input lacks the model's ${noun} ${missing.join(", ")}. Add ${missing.length === 1 ? "it" : "them"} (empty cells are fine) and try again.`,
    );
  }
}

/**
 * Column types for reading the input: each feature as the model was trained on it (so "3" in a
 * category column stays a category), and the key as text so keys come back exactly as written
 * ("007" stays "007"). Other columns are left to inference.
 */
export function batchInputTypes(signature: ModelSignature, keyColumn: string | null): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  if (keyColumn !== null) types[keyColumn] = "text";
  for (const feature of signature.features) types[feature.name] = feature.type;
  return types;
}

/** The input file as the model reads it; a cell that does not fit its feature's type fails with the column and row. */
export async function readBatchInput(fileName: string, bytes: Uint8Array, signature: ModelSignature, keyColumn: string | null): Promise<Table> {
  return parseDataset(fileName, bytes, "auto", batchInputTypes(signature, keyColumn));
}
