import { z } from "zod";
import { applyEncode, fitEncode } from "../ml/transforms/encode";
import { columnSetParams, defineFittedTransformNode, selectedColumns } from "./fittedTransformNode";

export const encodeNode = defineFittedTransformNode({
  kind: "encode",
  title: "Encode categories",
  description: "Turns category columns into numbers: one 0/1 column per level (one-hot) or the level's index (ordinal).",
  params: z.object({
    ...columnSetParams,
    method: z.enum(["onehot", "ordinal"]).default("onehot").describe("onehot: a column per level; ordinal: one integer column"),
  }),
  fit: fitEncode,
  apply: applyEncode,
  outputSchema: (params, input) => {
    // One-hot column names come from the levels seen in the data, unknown until it runs.
    if (params.method === "onehot") return undefined;
    const encoded = selectedColumns(params, input, (type) => type === "category");
    return { ...input, columns: input.columns.map((c) => (encoded.has(c.name) ? { name: c.name, type: "integer" as const } : c)) };
  },
});
