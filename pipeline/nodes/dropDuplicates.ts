import { z } from "zod";
import { rowKey } from "../ml/split/row-hash";
import { cellKey } from "../ml/table/cell-text";
import { takeRows } from "../ml/table/take-rows";
import { getColumn } from "../ml/table/table";
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
    const columns = params.columns.map((name) => getColumn(table, name));
    const seen = new Set<string>();
    const keep: number[] = [];
    for (let row = 0; row < table.rowCount; row++) {
      const key = columns.length === 0 ? rowKey(table, row) : columns.map((column) => cellKey(column, row)).join("\u001f");
      if (seen.has(key)) continue;
      seen.add(key);
      keep.push(row);
    }
    log(`Dropped ${table.rowCount - keep.length} duplicate rows`);
    return { table: takeRows(table, keep) };
  },
});
