import { z } from "zod";
import { ROW_HASHES } from "../ml/split/row-hash";
import { splitRows } from "../ml/split/split";
import { takeRows } from "../ml/table/take-rows";
import { columnParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

const ratio = z.number().min(0).max(1);

const splitParams = z
  .object({
    train: ratio.default(0.7).describe("Share of rows for training"),
    validation: ratio.default(0).describe("Share of rows for validation (early stopping, tuning)"),
    test: ratio.default(0.3).describe("Share of rows held out for the final evaluation"),
    seed: z.number().int().default(0).describe("Changes which rows land where; the same seed gives the same split"),
    key: columnParam("Hash this column instead of the whole row, so rows sharing a key stay together").optional(),
    stratify: columnParam("Keep this column's class proportions in every part").optional(),
    assignment: z.enum(["exact", "threshold"]).default("exact").describe("exact: sizes match the ratios; threshold: a row's part depends only on its own hash"),
    hash: z
      .enum(ROW_HASHES)
      .default("cells")
      .describe("cells: hash each cell's stored value (fast); text: hash the row's text, as version 1 did (slow, for pipelines saved then)"),
  })
  .refine((p) => Math.abs(p.train + p.validation + p.test - 1) < 1e-9, {
    message: "train + validation + test must add up to 1",
    path: ["test"],
  })
  .refine((p) => p.train > 0, { message: "train must be more than 0", path: ["train"] })
  .refine((p) => !(p.stratify !== undefined && p.assignment === "threshold"), {
    message: 'stratify needs assignment "exact"',
    path: ["stratify"],
  });

export const splitNode = defineNode({
  kind: "split",
  // Version 2 hashes cells instead of the row's text: other rows land in each part, so a
  // spec saved for version 1 is upgraded to the "text" hash and splits exactly as before.
  version: 2,
  upgrades: { 1: (params) => ({ ...params, hash: "text" }) },
  title: "Train / test split",
  description: "Splits rows into train, validation and test parts by a seeded hash of each row (or of a key column).",
  stage: "Split",
  inputs: [{ name: "table", type: "Table" }],
  outputs: [{ name: "split", type: "Split" }],
  params: splitParams,
  inferSchema(params, context) {
    return { outputs: { split: { type: "Split", table: tableSchemaInput(context.inputs, "table"), validation: params.validation } } };
  },
  async run({ params, inputs, log }) {
    const table = tableInput(inputs, "table");
    const indices = splitRows(table, params);
    log(`Split ${table.rowCount} rows: train ${indices.train.length}, validation ${indices.validation.length}, test ${indices.test.length}`);
    return {
      split: {
        train: takeRows(table, indices.train),
        valid: takeRows(table, indices.validation),
        test: takeRows(table, indices.test),
      },
    };
  },
});
