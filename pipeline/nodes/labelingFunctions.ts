import { z } from "zod";
import { analyzeLabelMatrix } from "../ml/labeling/analysis";
import { applyLabelingFunctions } from "../ml/labeling/apply-labeling-functions";
import { labelingFunctionsSchema } from "../ml/labeling/labeling-function";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput } from "./inputs";

const params = z.object({
  classes: z.array(z.string().min(1)).min(2).describe("Class names the functions vote for"),
  functions: labelingFunctionsSchema,
  timeoutMs: z.number().int().min(100).max(600_000).default(10_000).describe("Time limit for expression functions"),
});

export const labelingFunctionsNode = defineNode({
  kind: "labeling-functions",
  version: 1,
  title: "Labeling functions",
  description: "Keyword, regex, threshold and JavaScript-expression rules vote a class (or abstain) on every row.",
  stage: "Label",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "votes", type: "LabelMatrix" }],
  params,
  inferSchema(p) {
    return { outputs: { votes: { type: "LabelMatrix", labelingFunctions: p.functions.map((f) => f.name), classes: p.classes } } };
  },
  async run({ params: p, inputs, log, reportMetric }) {
    const table = tableInput(inputs, "table");
    const matrix = await applyLabelingFunctions(table, p.functions, { classes: p.classes, timeoutMs: p.timeoutMs });
    const summary = analyzeLabelMatrix(matrix);
    reportMetric("coverage", summary.coverage);
    reportMetric("conflicts", summary.conflicts);
    for (const f of summary.functions) log(`${f.name}: coverage ${f.coverage.toFixed(3)}, overlaps ${f.overlaps.toFixed(3)}, conflicts ${f.conflicts.toFixed(3)}`);
    return { votes: matrix };
  },
});
