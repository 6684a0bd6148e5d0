import { splitRows } from "../split/split";
import type { Table } from "../table/table";
import { takeRows } from "../table/take-rows";
import { featurize, fitFeaturizer } from "../transforms/featurize";
import type { Matrix } from "../models/types";

export interface LabeledMatrices {
  train: { X: Matrix; y: Int32Array };
  validation: { X: Matrix; y: Int32Array };
  test: { X: Matrix; y: Int32Array };
  classes: string[];
}

/**
 * The pipeline's own path from a table to model inputs: a hashed, stratified
 * train / validation / test split, then a featurizer fitted on train only.
 */
export function splitAndFeaturize(table: Table, target: string, seed: number): LabeledMatrices {
  // Split version 1's row-text hash: the ensemble node (version 1) keeps the parts it always had.
  const indices = splitRows(table, { train: 0.7, validation: 0.15, test: 0.15, seed, stratify: target, hash: "text" });
  const train = takeRows(table, indices.train);
  const state = fitFeaturizer(train, { target });
  const part = (rows: Int32Array) => {
    const f = featurize(state, takeRows(table, rows));
    return { X: f.X, y: f.y as Int32Array };
  };
  return {
    train: part(indices.train),
    validation: part(indices.validation),
    test: part(indices.test),
    classes: state.target?.task === "classification" ? state.target.classes : [],
  };
}
