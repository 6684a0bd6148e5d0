import { z } from "zod";

// z.custom keeps the arrays' buffer type open: they arrive on SharedArrayBuffers.
const int32s = z.custom<Int32Array>((value) => value instanceof Int32Array, "expected an Int32Array");
const float64s = z.custom<Float64Array>((value) => value instanceof Float64Array, "expected a Float64Array");
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "expected a Uint8Array");
const sharedBuffer = z.custom<SharedArrayBuffer>((value) => value instanceof SharedArrayBuffer, "expected a SharedArrayBuffer");

/**
 * Grower → thread: help search the nodes of the fit's trees (through the channel, until it says
 * stop), chunk i being features bounds[i]..bounds[i+1]-1, over the binned rows, statistics, row
 * order and maxSlots histograms in shared memory.
 */
export const histogramSearchInitSchema = z.object({
  type: z.literal("histogram-search-init"),
  bins: bytes,
  columns: bytes,
  rows: z.number().int().min(1),
  cols: z.number().int().min(1),
  binCounts: int32s,
  stats: z.array(float64s).min(1),
  order: int32s,
  channel: sharedBuffer,
  slots: sharedBuffer,
  maxSlots: z.number().int().min(1),
  bounds: int32s,
  /** The gradient criterion's split-search settings (leaf values are the grower's business). */
  l2: z.number().min(0),
  minHessian: z.number().min(0),
});
export type HistogramSearchInit = z.infer<typeof histogramSearchInitSchema>;
