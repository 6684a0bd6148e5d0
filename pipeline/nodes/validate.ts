import { z } from "zod";
import { summarizeValidation, validateTable } from "../ml/validate/validate";
import { columnParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

const column = columnParam("Column the expectation is about");
const bound = z.union([z.number(), z.string()]);

/** The data layer's expectations, with their columns tagged so the compiler checks them. */
const expectation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("notNull"), column }),
  z.object({ kind: z.literal("range"), column, min: bound.optional(), max: bound.optional() }),
  z.object({ kind: z.literal("unique"), column }),
  z.object({ kind: z.literal("allowedValues"), column, values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }),
  z.object({ kind: z.literal("rowCount"), min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }),
]);

export const validateNode = defineNode({
  kind: "validate",
  version: 1,
  title: "Validate data",
  description: "Checks expectations (not null, range, unique, allowed values, row count); fails the run or warns when one breaks.",
  stage: "Clean",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "table", type: "Table" }],
  params: z.object({
    expectations: z.array(expectation).min(1).describe("What the data must satisfy"),
    onFailure: z.enum(["fail", "warn"]).default("fail").describe("Stop the run, or only log a warning"),
  }),
  inferSchema(_params, context) {
    return { outputs: { table: { type: "Table", table: tableSchemaInput(context.inputs, "table") } } };
  },
  async run({ params, inputs, log, reportMetric }) {
    const table = tableInput(inputs, "table");
    const report = validateTable(table, params.expectations);
    const failed = report.results.filter((result) => !result.passed).length;
    reportMetric("failedExpectations", failed);
    const summary = summarizeValidation(report);
    if (!report.passed && params.onFailure === "fail") throw new Error(summary);
    log(summary, report.passed ? "info" : "warn");
    return { table };
  },
});
