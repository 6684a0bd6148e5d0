import { z } from "zod";

const column = z.string().min(1);
const bound = z.union([z.number(), z.string()]);

/**
 * Data expectations, checked against a table. Missing values only fail
 * `notNull`; the other column checks look at present values.
 */
export const expectationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("notNull"), column }),
  /** Inclusive bounds; for date columns they may be ISO date strings. */
  z.object({ kind: z.literal("range"), column, min: bound.optional(), max: bound.optional() }),
  z.object({ kind: z.literal("unique"), column }),
  /** Values compare as display text: a category level, true/false, an ISO date, a number's JS form. */
  z.object({ kind: z.literal("allowedValues"), column, values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }),
  z.object({ kind: z.literal("rowCount"), min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }),
]);
export type Expectation = z.infer<typeof expectationSchema>;
export const expectationsSchema = z.array(expectationSchema);
