import { z } from "zod";
import { dropDuplicates } from "../ml/transforms/drop-rows";
import { columnListParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

export const dropDuplicatesNode = defineNode({
  kind: "drop-duplicates",
  version: 1,
  title: "Drop duplicates",
  description: "Keeps the first of each group of rows that are equal on the chosen columns (all columns when none are chosen).",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: z.object({ columns: columnListParam("Columns that define a duplicate; empty means the whole row").default([]) }),
  inferSchema(_params, context) {
    return { outputs: { table: { type: "Table", table: tableSchemaInput(context.inputs, "table") } } };
  },
  async run({ params, inputs, log }) {
    const table = tableInput(inputs, "table");
    const result = dropDuplicates(table, params.columns.length > 0 ? params.columns : undefined);
    log(`Dropped ${table.rowCount - result.rowCount} duplicate rows`);
    return { table: result };
  },
});
