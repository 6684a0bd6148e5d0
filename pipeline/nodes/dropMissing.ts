import { z } from "zod";
import { dropMissing } from "../ml/transforms/drop-rows";
import { columnListParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

export const dropMissingNode = defineNode({
  kind: "drop-missing",
  version: 1,
  title: "Drop missing",
  description: "Removes rows with missing values in the chosen columns (all columns when none are chosen).",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: z.object({
    columns: columnListParam("Columns to check; empty means every column").default([]),
    how: z.enum(["any", "all"]).default("any").describe("Drop a row when any / all of the checked values are missing"),
  }),
  inferSchema(_params, context) {
    return { outputs: { table: { type: "Table", table: tableSchemaInput(context.inputs, "table") } } };
  },
  async run({ params, inputs, log }) {
    const table = tableInput(inputs, "table");
    const result = dropMissing(table, { ...(params.columns.length > 0 ? { columns: params.columns } : {}), how: params.how });
    log(`Dropped ${table.rowCount - result.rowCount} of ${table.rowCount} rows with missing values`);
    return { table: result };
  },
});
