import { z } from "zod";
import { renameColumns } from "../ml/transforms/columns";
import { columnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

const renameParams = z.object({
  renames: z
    .array(z.object({ from: columnParam("Current name"), to: z.string().min(1).describe("New name") }))
    .min(1)
    .describe("Columns to rename"),
});

function renamer(renames: { from: string; to: string }[]): (name: string) => string {
  const mapping = new Map(renames.map((entry) => [entry.from, entry.to]));
  return (name) => mapping.get(name) ?? name;
}

export const renameColumnsNode = defineNode({
  kind: "rename-columns",
  version: 1,
  title: "Rename columns",
  description: "Gives columns new names.",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: renameParams,
  inferSchema(params, context) {
    const schema = tableSchemaInput(context.inputs, "table");
    const rename = renamer(params.renames);
    const columns = schema.columns.map((column) => ({ ...column, name: rename(column.name) }));
    const issues: NodeIssue[] = [];
    const seen = new Set<string>();
    for (const column of columns) {
      if (seen.has(column.name)) {
        const index = params.renames.findIndex((entry) => entry.to === column.name);
        issues.push({
          param: `renames.${Math.max(index, 0)}.to`,
          code: "invalid-param",
          message: `Renaming would leave two columns named "${column.name}"`,
        });
      }
      seen.add(column.name);
    }
    if (issues.length > 0) return { issues };
    const target = schema.target === undefined ? undefined : rename(schema.target);
    return { outputs: { table: { type: "Table", table: { columns, ...(target === undefined ? {} : { target }) } } } };
  },
  async run({ params, inputs }) {
    const mapping = Object.fromEntries(params.renames.map((entry) => [entry.from, entry.to]));
    return { table: renameColumns(tableInput(inputs, "table"), mapping) };
  },
});
