import { z } from "zod";

// z.custom keeps the arrays' buffer type open: they arrive on SharedArrayBuffers.
const int32s = z.custom<Int32Array>((value) => value instanceof Int32Array, "expected an Int32Array");
const float64s = z.custom<Float64Array>((value) => value instanceof Float64Array, "expected a Float64Array");
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "expected a Uint8Array");
const sharedBuffer = z.custom<SharedArrayBuffer>((value) => value instanceof SharedArrayBuffer, "expected a SharedArrayBuffer");

/**
 * Grower → thread: help build the histograms of the fit's trees (through the channel, until it
 * says stop), a node's rows in two halves, over the binned rows, statistics, row order, maxSlots
 * histograms and the second half's histogram in shared memory.
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
  secondHalf: sharedBuffer,
});
export type HistogramSearchInit = z.infer<typeof histogramSearchInitSchema>;
