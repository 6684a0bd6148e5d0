import { z } from "zod";
import { dropColumns } from "../ml/transforms/columns";
import { columnListParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

export const dropColumnsNode = defineNode({
  kind: "drop-columns",
  version: 1,
  title: "Drop columns",
  description: "Removes the listed columns.",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: z.object({ columns: columnListParam("Columns to remove").min(1) }),
  inferSchema(params, context) {
    const schema = tableSchemaInput(context.inputs, "table");
    const columns = schema.columns.filter((column) => !params.columns.includes(column.name));
    const target = schema.target !== undefined && !params.columns.includes(schema.target) ? schema.target : undefined;
    return { outputs: { table: { type: "Table", table: { columns, ...(target === undefined ? {} : { target }) } } } };
  },
  async run({ params, inputs }) {
    return { table: dropColumns(tableInput(inputs, "table"), params.columns) };
  },
});
