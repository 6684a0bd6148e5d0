import { z } from "zod";
import { COLUMN_TYPES } from "../ml/table/table";
import { castColumns } from "../ml/transforms/cast";
import { columnParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

export const castColumnsNode = defineNode({
  kind: "cast-columns",
  version: 1,
  title: "Change column types",
  description: "Converts columns to another type (number, integer, boolean, date, category, text).",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: z.object({
    casts: z
      .array(z.object({ column: columnParam("Column to convert"), type: z.enum(COLUMN_TYPES).describe("New type") }))
      .min(1)
      .describe("Columns and their new types"),
  }),
  inferSchema(params, context) {
    const schema = tableSchemaInput(context.inputs, "table");
    const types = new Map(params.casts.map((entry) => [entry.column, entry.type]));
    const columns = schema.columns.map((column) => ({ name: column.name, type: types.get(column.name) ?? column.type }));
    return { outputs: { table: { type: "Table", table: { ...schema, columns } } } };
  },
  async run({ params, inputs }) {
    const types = Object.fromEntries(params.casts.map((entry) => [entry.column, entry.type]));
    return { table: castColumns(tableInput(inputs, "table"), types) };
  },
});
