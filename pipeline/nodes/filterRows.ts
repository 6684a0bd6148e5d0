import { z } from "zod";
import { expressionColumns, parseExpression } from "../ml/transforms/expression";
import { filterRows } from "../ml/transforms/filter-rows";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

export const filterRowsNode = defineNode({
  kind: "filter-rows",
  version: 1,
  title: "Filter rows",
  description: 'Keeps the rows where an expression holds, e.g. `age >= 18 and country in ("IN", "NP")` or `income is not missing`.',
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: z.object({
    expression: z.string().min(1).describe("Condition a row must meet to be kept; column names with spaces go in backticks"),
  }),
  inferSchema(params, context): InferResult {
    const schema = tableSchemaInput(context.inputs, "table");
    let columns: string[];
    try {
      columns = expressionColumns(parseExpression(params.expression));
    } catch (error) {
      return { issues: [{ param: "expression", code: "invalid-param", message: (error as Error).message }] };
    }
    const issues: NodeIssue[] = columns
      .filter((name) => !schema.columns.some((column) => column.name === name))
      .map((name) => ({
        param: "expression",
        code: "unknown-column",
        message: `Column "${name}" does not exist. Columns are: ${schema.columns.map((c) => c.name).join(", ")}`,
      }));
    return issues.length > 0 ? { issues } : { outputs: { table: { type: "Table", table: schema } } };
  },
  async run({ params, inputs, log }) {
    const table = tableInput(inputs, "table");
    const result = filterRows(table, params.expression);
    log(`Kept ${result.rowCount} of ${table.rowCount} rows`);
    return { table: result };
  },
});
