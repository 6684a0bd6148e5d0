import { z } from "zod";
import { bytes, float64s, int32s, taskSchema } from "../threads/message-schemas";
import { randomForestParamsSchema } from "./params";

/** Main → thread: the binned training rows (in shared memory) and everything else a tree needs. */
export const forestInitSchema = z.object({
  type: z.literal("forest-init"),
  bins: bytes,
  columns: bytes,
  rows: z.number().int().min(1),
  cols: z.number().int().min(1),
  binCounts: int32s,
  thresholds: z.array(float64s),
  y: z.union([int32s, float64s]),
  task: taskSchema,
  params: randomForestParamsSchema,
});
export type ForestInit = z.infer<typeof forestInitSchema>;

/** Main → thread: grow tree `index` from `seed`. */
export const forestGrowSchema = z.object({ type: z.literal("forest-grow"), index: z.number().int().min(0), seed: z.number().int() });

/** Thread → main: a grown tree, or why the thread could not grow it. */
export const forestReplySchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("forest-tree"),
    index: z.number().int().min(0),
    tree: z.object({
      feature: int32s,
      threshold: float64s,
      missingLeft: bytes,
      left: int32s,
      right: int32s,
      values: float64s,
      outputs: z.number().int().min(1),
    }),
  }),
  z.object({ type: z.literal("forest-error"), message: z.string() }),
]);
export type ForestReply = z.infer<typeof forestReplySchema>;
