import { z } from "zod";
import { analyzeLabelMatrix } from "../ml/labeling/analysis";
import { applyLabelingFunctions } from "../ml/labeling/apply-labeling-functions";
import { labelingFunctionsSchema } from "../ml/labeling/labeling-function";
import { displayValue } from "../ml/table/cell-text";
import { getColumn, isMissing, type Table } from "../ml/table/table";
import { columnParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import type { LabelMatrixValue } from "../spec/portValues";
import { tableInput } from "./inputs";

const params = z.object({
  classes: z.array(z.string().min(1)).min(2).describe("Class names the functions vote for"),
  functions: labelingFunctionsSchema,
  timeoutMs: z.number().int().min(100).max(600_000).default(10_000).describe("Time limit for expression functions"),
  goldColumn: columnParam("Gold label column of the dev table; each function's accuracy is measured against it", "dev").optional(),
});

/** Class index of each dev row's gold label; -1 where it is missing or not one of the classes. */
function goldIndices(dev: Table, column: string, classes: string[]): Int32Array {
  const gold = getColumn(dev, column);
  return Int32Array.from({ length: dev.rowCount }, (_, r) => (isMissing(gold, r) ? -1 : classes.indexOf(displayValue(gold, r))));
}

export const labelingFunctionsNode = defineNode({
  kind: "labeling-functions",
  version: 1,
  title: "Labeling functions",
  description:
    "Keyword, regex, threshold and JavaScript-expression rules vote a class (or abstain) on every row. Connect a small gold-labelled dev table to measure each function's accuracy.",
  stage: "Label",
  inputs: [
    { name: "table", type: "Table" },
    { name: "dev", type: "Table", optional: true, description: "A few rows with gold labels (goldColumn), never used for training" },
  ],
  outputs: [{ name: "votes", type: "LabelMatrix" }],
  params,
  inferSchema(p, context) {
    const dev = context.inputs["dev"];
    if ((dev === undefined) !== (p.goldColumn === undefined)) {
      return {
        issues: [
          dev === undefined
            ? { param: "goldColumn", code: "missing-input", message: "A gold column needs the dev table connected to the dev input" }
            : { param: "goldColumn", code: "invalid-param", message: "Choose the dev table's gold label column" },
        ],
      };
    }
    return { outputs: { votes: { type: "LabelMatrix", labelingFunctions: p.functions.map((f) => f.name), classes: p.classes } } };
  },
  async run({ params: p, inputs, log, reportMetric, expressionSandbox, signal }) {
    const table = tableInput(inputs, "table");
    const options = {
      classes: p.classes,
      timeoutMs: p.timeoutMs,
      ...(expressionSandbox === undefined ? {} : { sandbox: expressionSandbox }),
      ...(signal === undefined ? {} : { signal }),
    };
    const matrix: LabelMatrixValue = await applyLabelingFunctions(table, p.functions, options);
    if (inputs["dev"] !== undefined && p.goldColumn !== undefined) {
      const dev = tableInput(inputs, "dev");
      const devVotes = await applyLabelingFunctions(dev, p.functions, options);
      matrix.dev = { votes: devVotes.votes, gold: goldIndices(dev, p.goldColumn, p.classes), rowCount: dev.rowCount };
    }
    const summary = analyzeLabelMatrix(matrix);
    reportMetric("coverage", summary.coverage);
    reportMetric("conflicts", summary.conflicts);
    for (const f of summary.functions)
      log(`${f.name}: coverage ${f.coverage.toFixed(3)}, overlaps ${f.overlaps.toFixed(3)}, conflicts ${f.conflicts.toFixed(3)}`);
    return { votes: matrix };
  },
});
