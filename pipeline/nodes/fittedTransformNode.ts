import type { z } from "zod";
import type { Table, TableSchema } from "../ml/table/table";
import { columnListParam } from "../spec/columnParams";
import { defineNode, type InferResult, type NodeDefinition } from "../spec/nodeDefinition";
import { tableInput, tableSchemaInput } from "./inputs";

/** The column-set params every fitted transform shares, tagged for column pickers. */
export const columnSetParams = {
  columns: columnListParam("Columns to transform; empty picks every column of a suitable type").optional(),
  exclude: columnListParam("Columns to leave alone (e.g. the target)").optional(),
};

interface FittedTransformSpec<P> {
  kind: string;
  title: string;
  description: string;
  params: z.ZodType<P>;
  fit(table: Table, params: P): unknown;
  apply(state: never, table: Table): Table;
  /** Output schema, or undefined when it depends on the data (e.g. one-hot levels). */
  outputSchema(params: P, input: TableSchema): TableSchema | undefined;
}

/**
 * A Clean node that fits a transform on its input table and applies it. The model
 * nodes refit the same transforms on the train split only; this node is for
 * cleaning a whole table before it is split.
 */
export function defineFittedTransformNode<P>(spec: FittedTransformSpec<P>): NodeDefinition<P> {
  const apply = spec.apply as (state: unknown, table: Table) => Table;
  return defineNode({
    kind: spec.kind,
    version: 1,
    title: spec.title,
    description: spec.description,
    stage: "Clean",
    inputs: [{ name: "table", type: "Table" }],
    outputs: [{ name: "table", type: "Table" }],
    params: spec.params,
    inferSchema(params, context): InferResult {
      const table = spec.outputSchema(params, tableSchemaInput(context.inputs, "table"));
      return { outputs: table === undefined ? {} : { table: { type: "Table", table } } };
    },
    async run({ params, inputs }) {
      const table = tableInput(inputs, "table");
      return { table: apply(spec.fit(table, params), table) };
    },
  });
}

/** Which columns of a schema a column-set selects, by the same rule the transforms use at run time. */
export function selectedColumns(
  set: { columns?: string[] | undefined; exclude?: string[] | undefined },
  schema: TableSchema,
  accepts: (type: TableSchema["columns"][number]["type"]) => boolean,
): Set<string> {
  const excluded = new Set(set.exclude ?? []);
  const chosen = set.columns ?? schema.columns.filter((column) => accepts(column.type)).map((column) => column.name);
  return new Set(chosen.filter((name) => !excluded.has(name)));
}
