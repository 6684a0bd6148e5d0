import { z } from "zod";
import { float32s, float64s, int32s } from "../threads/message-schemas";

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

/** Main → thread, once per fit: the rows (row-major) and target of a ridge regression in shared memory, and how the target is standardised. */
export const ridgeInitSchema = z.object({
  type: z.literal("ridge-init"),
  data: float32s,
  rows: z.number().int().min(1),
  cols: z.number().int().min(1),
  y: float64s,
  yMean: z.number(),
  yStd: z.number().positive(),
});

/** What a helper is told at the start of a fit whose sums it shares. */
export type LinearInit = z.infer<typeof linearInitSchema> | z.infer<typeof ridgeInitSchema>;

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
