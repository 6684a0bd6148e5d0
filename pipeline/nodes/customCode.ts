import { z } from "zod";
import { CODE_LANGUAGES, FUNCTION_NAME_PATTERN } from "../ml/custom-code/table-function";
import { tableToCellColumns } from "../ml/table/cell-values";
import { tableFromCellColumns } from "../ml/table/from-cell-values";
import { schemaOf } from "../ml/table/table";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput } from "./inputs";

const params = z.object({
  functionName: z
    .string()
    .regex(FUNCTION_NAME_PATTERN, { message: "Give the name of a function the code defines, e.g. cleanRows" })
    .describe("The function called with the input table; it returns a table or an array of row objects"),
  language: z.enum(CODE_LANGUAGES).default("javascript").describe("typescript: types are stripped before the code runs"),
  // contentMediaType marks the string as source code, so the inspector edits it in a multi-line code field.
  code: z
    .string()
    .min(1)
    .meta({ contentMediaType: "text/javascript" })
    .describe("JavaScript or TypeScript that defines the function, e.g. a notebook cell's code"),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000).describe("Time limit for the function; a longer run is stopped"),
});

export const customCodeNode = defineNode({
  kind: "custom-code",
  version: 1,
  title: "Custom code",
  description:
    "Calls your own function on the table, in a sandbox: it gets the table as notebook code does (rowCount, columnNames, column(name), rows(), head()) and returns a table or an array of row objects. Column types are inferred from the values.",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params,
  // What columns come out is known only once the function has run.
  inferSchema: () => ({ outputs: {} }),
  async run({ params: p, inputs, expressionSandbox, signal, log }) {
    if (expressionSandbox === undefined) {
      throw new Error("Custom code runs only in a sandbox, and this runtime has none: run the pipeline in the browser or on a server worker");
    }
    const table = tableInput(inputs, "table");
    const returned = await expressionSandbox.callTableFunction(
      { code: p.code, language: p.language, functionName: p.functionName, table: tableToCellColumns(table) },
      { timeoutMs: p.timeoutMs, signal },
    );
    let output;
    try {
      output = tableFromCellColumns(returned, schemaOf(table));
    } catch (error) {
      throw new Error(`Custom code function "${p.functionName}" returned a table that cannot be typed: ${(error as Error).message}`);
    }
    log(`${p.functionName}: ${table.rowCount} rows in, ${output.rowCount} out; columns ${output.columns.map((c) => `${c.name} (${c.type})`).join(", ")}`);
    if (output.columns.length === 0) log(`${p.functionName} returned no columns`, "warn");
    return { table: output };
  },
});
