import { z } from "zod";

/**
 * The stored shape of notebook cells and their outputs. Outputs are produced in the
 * browser and saved by the client, so they are parsed at the API boundary and
 * rendered as data (HTML outputs are sanitised again when shown).
 */
export const CELL_KINDS = ["markdown", "javascript", "typescript"] as const;
export const cellKindSchema = z.enum(CELL_KINDS);
export type CellKind = z.infer<typeof cellKindSchema>;

/** Rows of a displayed table kept with the notebook; the rest are summarised by rowCount. */
export const MAX_TABLE_ROWS = 1000;
export const MAX_TABLE_COLUMNS = 500;
/** Outputs kept per cell, and the longest text output. */
export const MAX_OUTPUTS = 100;
export const MAX_TEXT = 100_000;

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const PLOT_KINDS = ["line", "scatter", "bar", "histogram"] as const;

export const plotSchema = z.object({
  kind: z.enum(PLOT_KINDS),
  title: z.string().max(200).optional(),
  xLabel: z.string().max(100).optional(),
  yLabel: z.string().max(100).optional(),
  /** Numbers, or category labels for bars. Histograms arrive already binned: x = bin centres, y = counts. */
  x: z.array(z.union([z.number(), z.string()])).max(20_000),
  y: z.array(z.number()).max(20_000),
  /** Optional series name per point (e.g. the class), drawn in its own colour. */
  group: z.array(z.string()).max(20_000).optional(),
});
export type PlotOutput = z.infer<typeof plotSchema>;

export const cellOutputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().max(MAX_TEXT) }),
  z.object({ type: z.literal("html"), html: z.string().max(MAX_TEXT * 2) }),
  z.object({
    type: z.literal("table"),
    columns: z.array(z.object({ name: z.string(), type: z.string() })).max(MAX_TABLE_COLUMNS),
    /** The first rows only (see MAX_TABLE_ROWS); rowCount is the table's full size. */
    rows: z.array(z.array(cellValue)).max(MAX_TABLE_ROWS),
    rowCount: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal("plot"), plot: plotSchema }),
  z.object({ type: z.literal("error"), message: z.string().max(MAX_TEXT), line: z.number().int().nullable() }),
  /** `lost`: the variables the restarted kernel no longer has (absent in notebooks saved before it was recorded). */
  z.object({ type: z.literal("interrupted"), lost: z.array(z.string().max(200)).max(1000).optional() }),
]);
export type CellOutput = z.infer<typeof cellOutputSchema>;

export const cellSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "Invalid cell id." }),
  kind: cellKindSchema,
  source: z.string().max(200_000),
  outputs: z.array(cellOutputSchema).max(MAX_OUTPUTS),
  executionCount: z.number().int().nullable(),
});
export type NotebookCell = z.infer<typeof cellSchema>;

export const cellOrderSchema = z.array(z.string());

/** Reads a stored JSON column; a row that does not parse shows as empty rather than breaking the notebook. */
export function parseStored<T>(schema: z.ZodType<T>, json: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}
