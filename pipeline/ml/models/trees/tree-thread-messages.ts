import { z } from "zod";
import { bytes, float64s, int32s, sharedBuffer } from "../threads/message-schemas";

/**
 * The shared memory of growing trees on threads (see shareTreeMemory), as a helper receives it:
 * the binned rows, statistics, row order, partition scratch, maxSlots histograms and the second
 * row half's histogram.
 */
export const sharedTreeMemorySchema = z.object({
  bins: bytes,
  columns: bytes,
  rows: z.number().int().min(1),
  cols: z.number().int().min(1),
  binCounts: int32s,
  stats: z.array(float64s).min(1),
  order: int32s,
  scratch: int32s,
  slots: sharedBuffer,
  maxSlots: z.number().int().min(1),
  secondHalf: sharedBuffer,
});
export type SharedTreeMemoryMessage = z.infer<typeof sharedTreeMemorySchema>;
