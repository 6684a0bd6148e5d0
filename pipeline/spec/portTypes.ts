import type { TableSchema } from "../ml/table/table";

export const PORT_TYPES = ["Table", "LabeledTable", "Split", "LabelMatrix", "Model", "Predictions", "Metrics", "Deployment", "Plot"] as const;
export type PortType = (typeof PORT_TYPES)[number];

/**
 * Which port types may feed which. A LabeledTable is a Table with a chosen target,
 * and Predictions are a Table with prediction columns appended, so both flow into
 * anything that takes a Table.
 */
const ACCEPTS: Record<PortType, readonly PortType[]> = {
  Table: ["Table", "LabeledTable", "Predictions"],
  LabeledTable: ["LabeledTable"],
  Split: ["Split"],
  LabelMatrix: ["LabelMatrix"],
  Model: ["Model"],
  Predictions: ["Predictions"],
  Metrics: ["Metrics"],
  Deployment: ["Deployment"],
  Plot: ["Plot"],
};

export function canConnect(sourceType: PortType, targetType: PortType): boolean {
  return ACCEPTS[targetType].includes(sourceType);
}

export type ModelTask = "classification" | "regression";

/** What a Model port carries at compile time: enough to check a Predict/Evaluate input. */
export interface ModelSignature {
  modelKind: string;
  task: ModelTask;
  target: string;
  /** Raw input columns the model reads; preprocessing travels inside the model. */
  features: TableSchema["columns"];
  /** Set when the model was trained on a table whose target column is known. */
  targetType?: TableSchema["columns"][number]["type"];
}

/**
 * Compile-time description of the value on a port. Table-like ports carry their
 * column schema so column params downstream can be checked before anything runs.
 */
export type PortSchema =
  | { type: "Table" | "LabeledTable" | "Predictions"; table: TableSchema }
  /** `validation`: the share of rows the split puts in its validation part, when known (0 means none). */
  | { type: "Split"; table: TableSchema; validation?: number }
  | { type: "Model"; model: ModelSignature }
  | { type: "LabelMatrix"; labelingFunctions: string[]; classes: string[] }
  | { type: "Metrics" | "Deployment" | "Plot" };

export function tableSchemaOf(schema: PortSchema | undefined): TableSchema | undefined {
  return schema !== undefined && "table" in schema ? schema.table : undefined;
}
