import { z } from "zod";
import { PLOT_CHARTS, summarizePlot } from "../ml/plots/plotSummary";
import { columnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

const NUMERIC_TYPES: ReadonlySet<string> = new Set(["number", "integer", "boolean", "date"]);

/** Which column params each chart reads as numbers. */
const NUMERIC_AXES = { scatter: ["x", "y"], histogram: ["x"], box: ["y"], correlation: [] } as const;

export const plotNode = defineNode({
  kind: "plot",
  version: 1,
  title: "Plot",
  description:
    "Charts a table: a scatter of two columns, a histogram, box plots per group, or the correlation matrix of its numeric columns. Preview the node to see it.",
  stage: "Evaluate",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "plot", type: "Plot" }],
  params: z.object({
    chart: z.enum(PLOT_CHARTS).default("scatter").describe("Scatter (x against y), histogram (of x), box plot (of y) or correlation matrix"),
    x: columnParam("Column on the x axis (scatter, histogram)").optional(),
    y: columnParam("Column on the y axis (scatter, box plot)").optional(),
    color: columnParam("Colour points, bars or boxes by this column").optional(),
    bins: z.number().int().min(2).max(100).default(20).describe("About how many histogram bars (edges fall on round numbers)"),
  }),
  inferSchema(params, context) {
    const schema = tableSchemaInput(context.inputs, "table");
    const issues: NodeIssue[] = NUMERIC_AXES[params.chart].flatMap((axis): NodeIssue[] => {
      const name = params[axis];
      if (name === undefined) return [{ param: axis, code: "invalid-param", message: `A ${params.chart} plot needs a column for ${axis}` }];
      const column = schema.columns.find((c) => c.name === name);
      if (column === undefined || NUMERIC_TYPES.has(column.type)) return [];
      return [{ param: axis, code: "invalid-column-type", message: `Column "${name}" is ${column.type}; the ${axis} axis needs a numeric column` }];
    });
    if (params.chart === "correlation" && schema.columns.filter((c) => NUMERIC_TYPES.has(c.type)).length < 2)
      issues.push({ port: "table", code: "invalid-schema", message: "A correlation matrix needs at least two numeric columns" });
    return issues.length > 0 ? { issues } : { outputs: { plot: { type: "Plot" } } };
  },
  async run({ params, inputs }) {
    return { plot: summarizePlot(tableInput(inputs, "table"), params) };
  },
});
