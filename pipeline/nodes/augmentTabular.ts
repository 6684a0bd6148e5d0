import { z } from "zod";
import { addGaussianNoise } from "../ml/augment/gaussian-noise";
import { smote } from "../ml/augment/smote";
import type { TableSchema } from "../ml/table/table";
import { columnListParam, targetColumnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode } from "../spec/nodeDefinition";
import { augmentationPorts, augmentTrain, columnTypeIssue, inferAugmentation } from "./augmentation";

const NOISE_TYPES = ["number", "integer"] as const;
const CLASS_TYPES = ["category", "boolean", "integer", "text"] as const;

const params = z.object({
  method: z.enum(["smote", "gaussian-noise"]).default("smote").describe("smote: synthesise minority-class rows; gaussian-noise: append jittered copies"),
  target: targetColumnParam("Class column (SMOTE balances it; noise never touches it); defaults to the input's target"),
  k: z.number().int().min(1).max(50).default(5).describe("SMOTE: same-class neighbours to interpolate towards"),
  ratio: z.number().min(0).max(1).default(1).describe("SMOTE: grow each minority class to this share of the largest class"),
  columns: columnListParam("Gaussian noise: numeric columns to jitter; empty means every number and integer column except the target").optional(),
  scale: z.number().min(0).max(5).default(0.05).describe("Gaussian noise: standard deviation as a share of each column's"),
  copies: z.number().int().min(1).max(20).default(1).describe("Gaussian noise: noisy copies of every train row"),
  seed: z.number().int().default(0),
});
type Params = z.output<typeof params>;

function noiseColumns(p: Params, table: Pick<TableSchema, "columns">): string[] {
  return p.columns ?? table.columns.filter((c) => (NOISE_TYPES as readonly string[]).includes(c.type) && c.name !== p.target).map((c) => c.name);
}

export const augmentTabularNode = defineNode({
  kind: "augment-tabular",
  version: 1,
  title: "Augment table rows",
  description: "Grows the train split: SMOTE synthesises minority-class rows between same-class neighbours, or Gaussian noise appends jittered copies. Seeded.",
  stage: "Augment",
  ...augmentationPorts,
  params,
  inferSchema(p, context) {
    return inferAugmentation(context, (table) => {
      const target = p.target!;
      if (p.method === "smote") return columnTypeIssue(table, target, "target", CLASS_TYPES, "SMOTE");
      const columns = noiseColumns(p, table);
      const issues: NodeIssue[] = columns.flatMap((name, i) => columnTypeIssue(table, name, `columns.${i}`, NOISE_TYPES, "Gaussian noise"));
      if (columns.includes(target))
        issues.push({ param: "columns", code: "invalid-param", message: `"${target}" is the target; noise would corrupt the labels` });
      if (columns.length === 0) issues.push({ param: "columns", code: "invalid-param", message: "There are no number or integer columns to jitter" });
      return issues;
    });
  },
  async run({ params: p, inputs, log }) {
    const target = p.target;
    if (target === undefined) throw new Error("Choose the target column: augmentation must know which column holds the labels");
    const { data, added } = augmentTrain(inputs, (train) =>
      p.method === "smote"
        ? smote(train, { target, k: p.k, ratio: p.ratio, seed: p.seed })
        : addGaussianNoise(train, { columns: noiseColumns(p, train), scale: p.scale, copies: p.copies, seed: p.seed }),
    );
    log(`${p.method === "smote" ? "SMOTE" : "Gaussian noise"} added ${added} train rows (now ${data.train.rowCount})`);
    return { data };
  },
});
