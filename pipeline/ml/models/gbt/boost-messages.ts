import { z } from "zod";
import { float64s, int32s, sharedBuffer, taskSchema } from "../threads/message-schemas";
import { sharedTreeMemorySchema } from "../trees/tree-thread-messages";

/**
 * Grower → thread, once per fit: help with its trees and rounds through the work channel until it
 * says stop, over the trees' shared memory and the training scores and targets (shared too).
 */
export const boostingThreadInitSchema = sharedTreeMemorySchema.extend({
  type: z.literal("boosting-thread-init"),
  channel: sharedBuffer,
  task: taskSchema,
  /** The split criterion's parameters (see gradientCriterion). */
  l2Regularization: z.number().min(0),
  learningRate: z.number().positive(),
  countUnit: z.number().positive(),
  raw: float64s,
  y: z.union([int32s, float64s]),
});
export type BoostingThreadInit = z.infer<typeof boostingThreadInitSchema>;
