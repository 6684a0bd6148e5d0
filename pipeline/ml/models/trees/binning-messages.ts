import { z } from "zod";
import { bytes, float32s, float64s } from "../threads/message-schemas";

/** The table being binned, in shared memory, as a helper receives it. */
const sharedTable = { data: float32s, rows: z.number().int().min(1), cols: z.number().int().min(1) };

/** Main → thread: fit the bin thresholds of columns [fromCol, toCol). */
export const binThresholdsRequestSchema = z.object({
  type: z.literal("bin-thresholds"),
  ...sharedTable,
  maxBins: z.number().int(),
  fromCol: z.number().int().min(0),
  toCol: z.number().int().min(0),
});

/** Main → thread: write the codes of rows [fromRow, toRow) into the shared binned matrix. */
export const binRowsRequestSchema = z.object({
  type: z.literal("bin-rows"),
  ...sharedTable,
  thresholds: z.array(float64s),
  bins: bytes,
  columns: bytes,
  fromRow: z.number().int().min(0),
  toRow: z.number().int().min(0),
});

/** Thread → main: the thresholds asked for, that the rows are written, or why not. */
export const binningReplySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bin-thresholds-done"), thresholds: z.array(float64s) }),
  z.object({ type: z.literal("bin-rows-done") }),
  z.object({ type: z.literal("bin-error"), message: z.string() }),
]);
export type BinningReply = z.infer<typeof binningReplySchema>;
