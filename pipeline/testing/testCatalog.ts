import { z } from "zod";
import { columnParam } from "../spec/columnParams";
import { NodeCatalog } from "../spec/nodeCatalog";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import { tableSchemaOf } from "../spec/portTypes";

/**
 * Two abstract node kinds for compiler property tests, where random graphs need
 * nodes that can be wired any which way: a source of a fixed table, and a node
 * with one required and one optional table input.
 */
export const TEST_COLUMNS = ["a", "b", "c"];

const sourceNode = defineNode({
  kind: "test-source",
  version: 1,
  title: "Test source",
  description: "Emits a fixed three-column schema.",
  stage: "Data",
  inputs: [],
  outputs: [{ name: "out", type: "Table" }],
  params: z.object({ seed: z.number().int().default(0) }),
  inferSchema: () => ({
    outputs: { out: { type: "Table", table: { columns: TEST_COLUMNS.map((name) => ({ name, type: "number" as const })) } } },
  }),
  run: async () => ({ out: { rowCount: 0, columns: [] } }),
});

const combineNode = defineNode({
  kind: "test-combine",
  version: 1,
  title: "Test combine",
  description: "Passes its first input's schema through.",
  stage: "Clean",
  inputs: [
    { name: "first", type: "Table" },
    { name: "second", type: "Table", optional: true },
  ],
  outputs: [{ name: "out", type: "Table" }],
  params: z.object({
    column: columnParam("A column of the first input").optional(),
    weight: z.number().min(0).max(1).default(0.5),
  }),
  inferSchema: (_params, context): InferResult => {
    const table = tableSchemaOf(context.inputs["first"]);
    return table === undefined ? { outputs: {} } : { outputs: { out: { type: "Table", table } } };
  },
  run: async ({ inputs }) => {
    const first = inputs["first"];
    if (first === undefined) throw new Error("missing input");
    return { out: first };
  },
});

export const testCatalog = new NodeCatalog([sourceNode, combineNode]);
