import { z } from "zod";

export const MAX_LABELING_FUNCTIONS = 50;

const name = z.string().min(1).max(80).describe("Shown in the analysis table; unique within the list");
const column = z.string().min(1).describe("Column the function reads");
const label = z.string().min(1).describe("Class the function votes for when it fires");

const keywordsFunctionSchema = z.object({
  name,
  kind: z.literal("keywords"),
  column,
  keywords: z.array(z.string().min(1)).min(1).max(200).describe("Words or phrases, matched case-insensitively as whole words"),
  match: z.enum(["any", "all"]).default("any").describe("Fire when any (or all) of the keywords occur"),
  label,
});

const regexFunctionSchema = z
  .object({
    name,
    kind: z.literal("regex"),
    column,
    pattern: z.string().min(1).max(1000),
    // "g" and "y" make RegExp.test stateful across rows, so they are not offered.
    flags: z
      .string()
      .regex(/^[imsu]*$/, "flags may only contain i, m, s, u")
      .default("i"),
    label,
  })
  .refine((f) => compiles(f.pattern, f.flags), { message: "pattern is not a valid regular expression", path: ["pattern"] });

const thresholdFunctionSchema = z.object({
  name,
  kind: z.literal("threshold"),
  column,
  op: z.enum(["<", "<=", ">", ">=", "==", "!="]),
  value: z.number(),
  label,
});

const expressionFunctionSchema = z.object({
  name,
  kind: z.literal("expression"),
  expression: z
    .string()
    .min(1)
    .max(2000)
    .describe('JavaScript expression over `row` giving a class name or null, e.g. row.review.length < 40 ? "other" : null'),
});

export const labelingFunctionSchema = z.discriminatedUnion("kind", [
  keywordsFunctionSchema,
  regexFunctionSchema,
  thresholdFunctionSchema,
  expressionFunctionSchema,
]);
export type LabelingFunction = z.output<typeof labelingFunctionSchema>;
export type LabelingFunctionInput = z.input<typeof labelingFunctionSchema>;
export type ExpressionLabelingFunction = Extract<LabelingFunction, { kind: "expression" }>;

export const labelingFunctionsSchema = z
  .array(labelingFunctionSchema)
  .min(1)
  .max(MAX_LABELING_FUNCTIONS)
  .superRefine((functions, ctx) => {
    const seen = new Set<string>();
    functions.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: "custom", message: `Duplicate labeling function name "${f.name}"`, path: [i, "name"] });
      seen.add(f.name);
    });
  });

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}
