import { z } from "zod";

// z.custom keeps the arrays' buffer type open: the columns arrive on a SharedArrayBuffer.
const float32s = z.custom<Float32Array>((value) => value instanceof Float32Array, "expected a Float32Array");
const float64s = z.custom<Float64Array>((value) => value instanceof Float64Array, "expected a Float64Array");
const int32s = z.custom<Int32Array>((value) => value instanceof Int32Array, "expected an Int32Array");

/** The point a logistic objective is evaluated at, and whether its Hessian is wanted. */
export const logisticQuerySchema = z.object({ theta: float64s, hessian: z.boolean() });
export type LogisticQuery = z.infer<typeof logisticQuerySchema>;

/** Main → thread, once per fit: the rows (column-major, in shared memory) and targets of a logistic regression. */
export const linearInitSchema = z.object({
  type: z.literal("linear-init"),
  columns: float32s,
  rows: z.number().int().min(1),
  cols: z.number().int().min(1),
  y: z.union([int32s, float64s]),
  classes: z.number().int().min(2),
});
export type LinearInit = z.infer<typeof linearInitSchema>;

/** Main → thread: the sums of row parts [fromPart, toPart) (see row-parts.ts) for `query`. */
export const linearSumsSchema = z.object({
  type: z.literal("linear-sums"),
  fromPart: z.number().int().min(0),
  toPart: z.number().int().min(1),
  query: z.unknown(),
});

/** Main → thread: the fit is over; let go of its rows. */
export const linearDoneSchema = z.object({ type: z.literal("linear-done") });

/** Thread → main: those parts' sums one after another, or why there are none. */
export const linearReplySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("linear-partials"), partials: float64s }),
  z.object({ type: z.literal("linear-error"), message: z.string() }),
]);
export type LinearReply = z.infer<typeof linearReplySchema>;
