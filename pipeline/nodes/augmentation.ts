import type { Table, TableSchema } from "../ml/table/table";
import type { NodeIssue } from "../spec/diagnostics";
import type { InferContext, InferResult, PortDefinition } from "../spec/nodeDefinition";
import type { PortValue, SplitValue } from "../spec/portValues";
import { splitInput, tableSchemaInput } from "./inputs";

/**
 * Shared shape of the augmentation nodes: a Split in, the same Split out with only
 * its train part grown. Taking a Split (never a Table) is what keeps synthetic rows,
 * and rows derived from validation or test rows, out of the held-out parts.
 */
export const augmentationPorts: { inputs: PortDefinition[]; outputs: PortDefinition[] } = {
  inputs: [
    {
      name: "data",
      type: "Split",
      description: "Only the train part is augmented; validation and test pass through untouched",
      placement:
        "Augmentation goes after the Train / test split: augmenting a table before it splits would put copies of training rows into validation and test and inflate their scores",
    },
  ],
  outputs: [{ name: "data", type: "Split" }],
};

/** Validates columns against the input's schema; the output schema is the input's (rows are added, columns are not). */
export function inferAugmentation(context: InferContext, check: (table: TableSchema) => NodeIssue[]): InferResult {
  const issues = check(tableSchemaInput(context.inputs, "data"));
  // The input is a Split (the compiler checked); passing its schema on keeps what it knows about the parts.
  return issues.length > 0 ? { issues } : { outputs: { data: context.inputs["data"]! } };
}

export function augmentTrain(inputs: Record<string, PortValue | undefined>, augment: (train: Table) => Table): { data: SplitValue; added: number } {
  const split = splitInput(inputs, "data");
  if (split.train.rowCount === 0) throw new Error("The train split has no rows to augment");
  const train = augment(split.train);
  return { data: { ...split, train }, added: train.rowCount - split.train.rowCount };
}

export function columnTypeIssue(table: TableSchema, name: string, param: string, allowed: readonly string[], purpose: string): NodeIssue[] {
  const column = table.columns.find((c) => c.name === name);
  if (column === undefined || allowed.includes(column.type)) return [];
  return [{ param, code: "invalid-column-type", message: `"${name}" is ${column.type}; ${purpose} needs ${allowed.join(" or ")}` }];
}
