import { z } from "zod";
import { takeRows } from "../ml/table/take-rows";
import { getColumn, isMissing } from "../ml/table/table";
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
    const checked = params.columns.length === 0 ? table.columns : params.columns.map((name) => getColumn(table, name));
    const keep: number[] = [];
    for (let row = 0; row < table.rowCount; row++) {
      const missing = checked.filter((column) => isMissing(column, row)).length;
      const drop = params.how === "any" ? missing > 0 : missing === checked.length && checked.length > 0;
      if (!drop) keep.push(row);
    }
    log(`Dropped ${table.rowCount - keep.length} of ${table.rowCount} rows with missing values`);
    return { table: takeRows(table, keep) };
  },
});
