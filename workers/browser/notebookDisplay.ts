import { sanitizeHtml } from "@/components/notebook/sanitizeHtml";
import type { Table } from "@/pipeline/ml/table/table";
import { MAX_TABLE_ROWS, plotSchema, type CellOutput, type PlotOutput } from "@/server/notebooks/cells";
import { NotebookTable, type CellValue } from "./notebookTable";

const plotRequestSchema = plotSchema
  .omit({ kind: true })
  .extend({ type: plotSchema.shape.kind, bins: plotSchema.shape.y.element.int().min(1).max(200).optional() });

/** The `display` object given to notebook code; everything it shows is collected as the cell's outputs. */
export function createDisplay(outputs: CellOutput[]) {
  return {
    text(value: unknown): void {
      outputs.push({ type: "text", text: typeof value === "string" ? value : formatValue(value) });
    },
    html(html: string): void {
      outputs.push({ type: "html", html: sanitizeHtml(String(html)) });
    },
    table(value: unknown): void {
      outputs.push(tableOutput(value));
    },
    plot(request: unknown): void {
      outputs.push({ type: "plot", plot: toPlot(request) });
    },
  };
}

export type NotebookDisplay = ReturnType<typeof createDisplay>;

/** console.log and friends: how a value reads in a text output. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof NotebookTable) return `Table (${value.rowCount} rows × ${value.columnNames.length} columns: ${value.columnNames.join(", ")})`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const json = JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2);
    return json ?? String(value);
  } catch {
    return String(value);
  }
}

function tableOutput(value: unknown): CellOutput {
  const table = asNotebookTable(value);
  if (table) {
    const columns = table.table.columns.map((c) => ({ name: c.name, type: c.type }));
    const rows = table.rows().slice(0, MAX_TABLE_ROWS).map((row) => columns.map((c) => row[c.name] ?? null));
    return { type: "table", columns, rows, rowCount: table.rowCount };
  }
  if (Array.isArray(value)) {
    const records = value.map((row): Record<string, unknown> => (typeof row === "object" && row !== null ? (row as Record<string, unknown>) : { value: row }));
    const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
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
  if (plot.y.length !== plot.x.length) throw new TypeError(`display.plot(): x has ${plot.x.length} values but y has ${plot.y.length}.`);
  return { kind: type, ...plot };
}

/** Histograms are binned here, so the stored output is small whatever the data size. */
function histogram(plot: Omit<PlotOutput, "kind">, bins: number): PlotOutput {
  const values = plot.x.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (values.length === 0) throw new TypeError("display.plot(): a histogram needs numeric x values.");
  const min = Math.min(...values);
  const width = (Math.max(...values) - min) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]! += 1;
  const { title, xLabel } = plot;
  return {
    kind: "histogram",
    ...(title === undefined ? {} : { title }),
    ...(xLabel === undefined ? {} : { xLabel }),
    yLabel: plot.yLabel ?? "count",
    x: counts.map((_, i) => min + (i + 0.5) * width),
    y: counts,
  };
}
