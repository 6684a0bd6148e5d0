import { z } from "zod";
import { fitLabelModel, labelModelParamsSchema, predictLabelModel } from "../ml/labeling/generative-label-model";
import type { LabelMatrix } from "../ml/labeling/label-matrix";
import { majorityVote } from "../ml/labeling/majority-vote";
import { keptRows } from "../ml/labeling/probabilistic-labels";
import type { Table } from "../ml/table/table";
import { takeRows } from "../ml/table/take-rows";
import { defineNode } from "../spec/nodeDefinition";
import type { PortValue } from "../spec/portValues";
import { tableInput, tableSchemaInput } from "./inputs";

const params = z.object({
  method: z.enum(["label-model", "majority-vote"]).default("label-model"),
  target: z.string().min(1).default("label").describe("Name of the label column to add"),
  uncovered: z.enum(["drop", "keep"]).default("drop").describe("Rows no function voted on: drop them, or keep them unlabelled"),
  labelModel: labelModelParamsSchema.prefault({}),
});

function labelMatrixInput(inputs: Record<string, PortValue | undefined>, port: string): LabelMatrix {
  const value = inputs[port];
  if (value === undefined || !("votes" in value)) throw new Error(`Input "${port}" is not a label matrix`);
  return value;
}

export const labelModelNode = defineNode({
  kind: "label-model",
  version: 1,
  title: "Label model",
  description: "Combines labeling-function votes into labels: a generative model that learns each function's accuracy without gold labels, or majority vote.",
  stage: "Label",
  inputs: [
    { name: "table", type: "Table", description: "The rows the functions voted on" },
    { name: "votes", type: "LabelMatrix" },
  ],
  outputs: [{ name: "table", type: "LabeledTable" }],
  params,
  inferSchema(p, context) {
    const table = tableSchemaInput(context.inputs, "table");
    const votes = context.inputs["votes"];
    const classes = votes?.type === "LabelMatrix" ? votes.classes : [];
    return {
      outputs: {
        table: {
          type: "LabeledTable",
          table: {
            columns: [...table.columns, { name: p.target, type: "category" }, ...classes.map((c) => ({ name: `${p.target}_p_${c}`, type: "number" as const }))],
            target: p.target,
          },
        },
      },
    };
  },
  async run({ params: p, inputs, log }) {
    const table = tableInput(inputs, "table");
    const matrix = labelMatrixInput(inputs, "votes");
    if (matrix.rowCount !== table.rowCount) throw new Error(`The label matrix has ${matrix.rowCount} rows; the table has ${table.rowCount}`);
    const labels = p.method === "majority-vote" ? majorityVote(matrix) : predictLabelModel(fitLabelModel(matrix, p.labelModel), matrix);
    const K = labels.classes.length;
    const labelled: Table = {
      rowCount: table.rowCount,
      columns: [
        ...table.columns,
        { name: p.target, type: "category", codes: Int32Array.from(labels.labels), levels: labels.classes },
        ...labels.classes.map((c, k) => ({
          name: `${p.target}_p_${c}`,
          type: "number" as const,
          values: Float64Array.from({ length: table.rowCount }, (_, r) => labels.probabilities[r * K + k]!),
        })),
      ],
    };
    const rows = keptRows(labels, p.uncovered);
    log(`Labelled ${rows.length} of ${table.rowCount} rows (${p.method})`);
    return { table: takeRows(labelled, rows) };
  },
});
