import { z } from "zod";
import { selectColumns } from "../ml/transforms/columns";
import { columnListParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

export const selectColumnsNode = defineNode({
  kind: "select-columns",
  version: 1,
  title: "Select columns",
  description: "Keeps only the listed columns, in the listed order.",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: z.object({ columns: columnListParam("Columns to keep").min(1) }),
  inferSchema(params, context) {
    const schema = tableSchemaInput(context.inputs, "table");
    const columns = params.columns.map((name) => schema.columns.find((column) => column.name === name)!);
    const target = schema.target !== undefined && params.columns.includes(schema.target) ? schema.target : undefined;
    return { outputs: { table: { type: "Table", table: { columns, ...(target === undefined ? {} : { target }) } } } };
  },
  async run({ params, inputs }) {
    return { table: selectColumns(tableInput(inputs, "table"), params.columns) };
  },
});
