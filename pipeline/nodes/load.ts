import { z } from "zod";
import { COLUMN_TYPES, schemaOf, type ColumnType } from "../ml/table/table";
import { columnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import { DATASET_FORMATS, parseDataset } from "../ml/table/dataset-format";

const loadParams = z.object({
  dataset: z
    .string()
    .min(1)
    .describe(
      "Dataset: `dataset:<name>` for the project's dataset of that name (newest version), `dataset:<name>@<n>` for version n, " +
        "`sample:<name>` for a bundled sample; a bare name reads the project dataset (or sample) of that name, in `vajra run` a file path",
    ),
  format: z.enum(DATASET_FORMATS).default("auto").describe("File format; auto guesses from the name and content"),
  columnTypes: z
    .array(
      z.object({
        column: columnParam("Column whose inferred type is replaced"),
        type: z.enum(COLUMN_TYPES).describe("Type to read the column as"),
      }),
    )
    .default([])
    .describe("Type overrides for columns whose inferred type is wrong"),
});
type LoadParams = z.output<typeof loadParams>;

function typeOverrides(params: LoadParams): Record<string, ColumnType> {
  return Object.fromEntries(params.columnTypes.map((entry) => [entry.column, entry.type]));
}

export const loadNode = defineNode({
  kind: "load",
  version: 1,
  title: "Load dataset",
  description: "Reads a CSV, JSON, JSON Lines or Parquet dataset into a table, inferring column types.",
  stage: "Data",
  inputs: [],
  outputs: [{ name: "table", type: "Table" }],
  params: loadParams,
  datasetReferences: (params) => [params.dataset],
  async readDatasetSchemas(params, datasets, signal) {
    // Read at upload and stored: no need to fetch and parse the file (seconds for a wide one).
    const stored = await datasets.storedSchema?.(params.dataset, signal);
    if (stored !== undefined && (params.format === "auto" || params.format === stored.format)) return { [params.dataset]: stored.schema };
    const dataset = await datasets.resolve(params.dataset, signal);
    const table = await parseDataset(dataset.name, dataset.bytes, params.format);
    return { [params.dataset]: schemaOf(table) };
  },
  inferSchema(params, context): InferResult {
    const raw = context.datasetSchema(params.dataset);
    if (raw === undefined) return { outputs: {} };
    const issues: NodeIssue[] = [];
    params.columnTypes.forEach((entry, index) => {
      if (!raw.columns.some((column) => column.name === entry.column)) {
        issues.push({
          param: `columnTypes.${index}.column`,
          code: "unknown-column",
          message: `Column "${entry.column}" is not in ${params.dataset}. Columns are: ${raw.columns.map((c) => c.name).join(", ")}`,
        });
      }
    });
    if (issues.length > 0) return { issues };
    const overrides = typeOverrides(params);
    return {
      outputs: {
        table: {
          type: "Table",
          table: { columns: raw.columns.map((column) => ({ name: column.name, type: overrides[column.name] ?? column.type })) },
        },
      },
    };
  },
  async run({ params, datasets, signal, log }) {
    const dataset = await datasets.resolve(params.dataset, signal);
    const table = await parseDataset(dataset.name, dataset.bytes, params.format, typeOverrides(params));
    if (table.rowCount === 0) throw new Error(`Dataset "${params.dataset}" has no rows`);
    if (table.columns.length === 0) throw new Error(`Dataset "${params.dataset}" has no columns`);
    log(`Loaded ${table.rowCount} rows × ${table.columns.length} columns from ${params.dataset}`);
    return { table };
  },
});
