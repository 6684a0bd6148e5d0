import { z } from "zod";
import { sanitizeHtml } from "@/contracts/sanitizeHtml";
import { binCentre, histogramBins } from "@/pipeline/ml/plots/statistics";
import type { Table } from "@/pipeline/ml/table/table";
import { MAX_OUTPUTS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TEXT, plotSchema, type CellOutput, type PlotOutput } from "@/contracts/notebookCells";
import type { ApiOf, DISPLAY_MEMBERS } from "./notebookApiMembers";
import { NotebookTable, type CellValue } from "./notebookTable";

const plotRequestSchema = plotSchema.omit({ kind: true }).extend({
  type: plotSchema.shape.kind,
  // Histograms take x only.
  y: plotSchema.shape.y.optional(),
  bins: z.number().int().min(1).max(200).optional(),
});

/**
 * The `display` object given to notebook code; everything it shows is collected as the
 * cell's outputs, within the limits the server stores (a chatty loop cannot make the
 * notebook unsaveable).
 */
export function createDisplay(outputs: CellOutput[]) {
  const add = (output: CellOutput) => {
    if (outputs.length < MAX_OUTPUTS - 1) outputs.push(output);
    else if (outputs.length === MAX_OUTPUTS - 1) outputs.push({ type: "text", text: `… more output was dropped (a cell keeps ${MAX_OUTPUTS}).` });
  };
  return {
    text(value: unknown): void {
      add({ type: "text", text: truncate(typeof value === "string" ? value : formatValue(value)) });
    },
    html(html: string): void {
      const clean = sanitizeHtml(String(html));
      add(clean.length <= MAX_TEXT * 2 ? { type: "html", html: clean } : { type: "text", text: "… HTML output too large to keep." });
    },
    table(value: unknown): void {
      add(tableOutput(value));
    },
    plot(request: unknown): void {
      add({ type: "plot", plot: toPlot(request) });
    },
  } satisfies ApiOf<typeof DISPLAY_MEMBERS>;
}

function truncate(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 20)}… (truncated)`;
}

export type NotebookDisplay = ReturnType<typeof createDisplay>;

/**
 * Shows a cell's last expression value as Jupyter does: nothing for undefined, tables as
 * tables, strings quoted (so a value reads apart from printed text), anything else as text.
 */
export function displayResult(display: NotebookDisplay, value: unknown): void {
  if (value === undefined) return;
  if (asNotebookTable(value)) display.table(value);
  else if (typeof value === "string") display.text(JSON.stringify(value));
  else if (value instanceof Map) display.text(`Map ${formatValue(Object.fromEntries(value))}`);
  else if (value instanceof Set) display.text(`Set ${formatValue([...value])}`);
  else if (hasOwnToString(value)) display.text(String(value));
  else display.text(value);
}

/** Values whose class says how it reads (a tensor, a date, a function) rather than plain data. */
function hasOwnToString(value: unknown): boolean {
  if (typeof value === "function") return true;
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Error) return false;
  const toString = (value as { toString?: unknown }).toString;
  return typeof toString === "function" && toString !== Object.prototype.toString;
}

/** console.log and friends: how a value reads in a text output. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof NotebookTable) return `Table (${value.rowCount} rows × ${value.columnNames.length} columns: ${value.columnNames.join(", ")})`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const json = JSON.stringify(
      value,
      (_, v: unknown) => (typeof v === "bigint" ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v),
      2,
    );
    return json ?? String(value);
  } catch {
    return String(value);
  }
}

function tableOutput(value: unknown): CellOutput {
  const table = asNotebookTable(value);
  if (table) {
    const columns = table.table.columns.slice(0, MAX_TABLE_COLUMNS).map((c) => ({ name: c.name, type: c.type }));
    const rows = table
      .rows()
      .slice(0, MAX_TABLE_ROWS)
      .map((row) => columns.map((c) => row[c.name] ?? null));
    return { type: "table", columns, rows, rowCount: table.rowCount };
  }
  if (Array.isArray(value)) {
    const records = value.map((row): Record<string, unknown> => (typeof row === "object" && row !== null ? (row as Record<string, unknown>) : { value: row }));
    const names = [...new Set(records.flatMap((r) => Object.keys(r)))].slice(0, MAX_TABLE_COLUMNS);
    const rows = records.slice(0, MAX_TABLE_ROWS).map((r) => names.map((n) => toCellValue(r[n])));
    return { type: "table", columns: names.map((name) => ({ name, type: "" })), rows, rowCount: records.length };
  }
  throw new TypeError("display.table() takes a table from vajra.dataset(), a Table, or an array of rows.");
}

function asNotebookTable(value: unknown): NotebookTable | null {
  if (value instanceof NotebookTable) return value;
  if (typeof value === "object" && value !== null && "columns" in value && "rowCount" in value && Array.isArray(value.columns)) {
    return new NotebookTable(value as Table);
  }
  return null;
}

function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return formatValue(value);
}

function toPlot(request: unknown): PlotOutput {
  const parsed = plotRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new TypeError(`display.plot(): ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`);
  }
  const { type, bins, ...plot } = parsed.data;
  if (type === "histogram") return histogram(plot, bins ?? 20);
  const { y, ...rest } = plot;
  if (y === undefined || y.length !== plot.x.length) throw new TypeError(`display.plot(): x has ${plot.x.length} values but y has ${y?.length ?? "none"}.`);
  return { kind: type, ...rest, y };
}

/** Histograms are binned here, so the stored output is small whatever the data size; edges fall on round numbers. */
function histogram(plot: Omit<PlotOutput, "kind" | "y">, bins: number): PlotOutput {
  const binned = histogramBins(
    plot.x.filter((v): v is number => typeof v === "number"),
    bins,
  );
  if (binned.length === 0) throw new TypeError("display.plot(): a histogram needs numeric x values.");
  const { title, xLabel } = plot;
  return {
    kind: "histogram",
    ...(title === undefined ? {} : { title }),
    ...(xLabel === undefined ? {} : { xLabel }),
    yLabel: plot.yLabel ?? "count",
    x: binned.map(binCentre),
    y: binned.map((b) => b.count),
  };
}
