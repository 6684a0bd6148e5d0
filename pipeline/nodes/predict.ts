import { z } from "zod";
import type { Column, TableSchema } from "../ml/table/table";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import type { ModelArtifact } from "../spec/portValues";
import { modelInput, tableInput, tableSchemaInput } from "./inputs";
import { predictWithModel } from "../model/modelPrediction";

const predictParams = z.object({
  predictionColumn: z.string().min(1).default("prediction").describe("Name of the predicted label / value column"),
  probabilities: z.boolean().default(true).describe("Add one probability column per class (classification only)"),
});

function probabilityColumn(prefix: string, label: string): string {
  return `${prefix}_probability_${label}`;
}

/** The columns Predict appends, for the compile-time schema. */
function addedColumns(params: z.output<typeof predictParams>, model: { task: ModelArtifact["task"] }, classes: string[] | undefined): TableSchema["columns"] {
  if (model.task === "regression") return [{ name: params.predictionColumn, type: "number" }];
  const probabilityColumns =
    params.probabilities && classes !== undefined
      ? classes.map((label) => ({ name: probabilityColumn(params.predictionColumn, label), type: "number" as const }))
      : [];
  return [{ name: params.predictionColumn, type: "category" }, ...probabilityColumns];
}

export const predictNode = defineNode({
  kind: "predict",
  version: 1,
  title: "Predict",
  description: "Applies a trained model to a table of raw rows and appends its predictions (and class probabilities).",
  stage: "Evaluate",
  inputs: [
    { name: "model", type: "Model" },
    { name: "table", type: "Table" },
  ],
  outputs: [{ name: "predictions", type: "Predictions" }],
  params: predictParams,
  inferSchema(params, context): InferResult {
    const table = tableSchemaInput(context.inputs, "table");
    const model = context.inputs["model"];
    if (model === undefined || model.type !== "Model") return { outputs: {} };
    const issues: NodeIssue[] = model.model.features
      .filter((feature) => !table.columns.some((column) => column.name === feature.name))
      .map((feature) => ({ port: "table", code: "unknown-column", message: `The model reads column "${feature.name}", which the table does not have` }));
    if (issues.length > 0) return { issues };
    // Class labels are only known once the model is trained, so probability columns are left out here.
    const columns = [...table.columns, ...addedColumns(params, model.model, undefined)];
    return { outputs: { predictions: { type: "Predictions", table: { ...table, columns } } } };
  },
  async run({ params, inputs }) {
    const artifact = modelInput(inputs, "model");
    const table = tableInput(inputs, "table");
    const output = await predictWithModel(artifact, table, false);
    const added: Column[] = [];
    if (artifact.task === "regression") {
      added.push({ name: params.predictionColumn, type: "number", values: Float64Array.from(output.scores) });
    } else {
      const classes = artifact.classes.length;
      const codes = new Int32Array(table.rowCount);
      for (let row = 0; row < table.rowCount; row++) {
        let best = 0;
        for (let k = 1; k < classes; k++) if (output.scores[row * classes + k]! > output.scores[row * classes + best]!) best = k;
        codes[row] = best;
      }
      added.push({ name: params.predictionColumn, type: "category", codes, levels: artifact.classes });
      if (params.probabilities) {
        artifact.classes.forEach((label, k) => {
          const values = new Float64Array(table.rowCount);
          for (let row = 0; row < table.rowCount; row++) values[row] = output.scores[row * classes + k]!;
          added.push({ name: probabilityColumn(params.predictionColumn, label), type: "number", values });
        });
      }
    }
    const addedNames = new Set(added.map((column) => column.name));
    return {
      predictions: { rowCount: table.rowCount, columns: [...table.columns.filter((c) => !addedNames.has(c.name)), ...added] },
    };
  },
});
