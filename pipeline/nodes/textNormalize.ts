import { z } from "zod";
import { applyTextNormalize, fitTextNormalize } from "../ml/transforms/text-normalize";
import { columnSetParams, defineFittedTransformNode } from "./fittedTransformNode";

export const textNormalizeNode = defineFittedTransformNode({
  kind: "text-normalize",
  title: "Normalise text",
  description: "Lower-cases text, replaces punctuation by spaces and collapses whitespace.",
  params: z.object({
    ...columnSetParams,
    lowercase: z.boolean().default(true).describe("Lower-case every character"),
    stripPunctuation: z.boolean().default(true).describe("Replace punctuation and symbols by spaces"),
    collapseWhitespace: z.boolean().default(true).describe("Collapse runs of whitespace and trim"),
  }),
  fit: fitTextNormalize,
  apply: applyTextNormalize,
  outputSchema: (_params, input) => input,
});
