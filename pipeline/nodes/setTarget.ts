import { z } from "zod";
import { columnParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

export const setTargetNode = defineNode({
  kind: "set-target",
  version: 1,
  title: "Set target",
  description: "Marks the column to predict, so model nodes downstream pick it up without being told.",
  stage: "Label",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "LabeledTable" }],
  params: z.object({ target: columnParam("Column to predict") }),
  inferSchema(params, context) {
    return { outputs: { table: { type: "LabeledTable", table: { ...tableSchemaInput(context.inputs, "table"), target: params.target } } } };
  },
  async run({ inputs }) {
    return { table: tableInput(inputs, "table") };
  },
});
