import { displayValue } from "../table/cell-text";
import { getColumn, isMissing, isNumeric, type NumericColumn, type Table } from "../table/table";
import { boxSummary, countIntoBins, histogramBins, pearson, type Bin, type BoxSummary } from "./statistics";

export const PLOT_CHARTS = ["scatter", "histogram", "box", "correlation"] as const;
export type PlotChartKind = (typeof PLOT_CHARTS)[number];

/** Scatter plots keep at most this many points (evenly spaced rows), so a plot output stays small on big tables. */
export const MAX_SCATTER_POINTS = 5000;

/**
 * What a plot node outputs: the chart's data already summarised (points, bins, quartiles, a correlation matrix),
 * small and plain JSON, so it stores and previews like metrics whatever the table's size.
 */
export type PlotValue =
  | { chart: "scatter"; x: string; y: string; color?: string; rows: number; points: { x: number; y: number; color?: string }[] }
  | { chart: "histogram"; x: string; color?: string; groups: { name: string; bins: Bin[] }[] }
  | { chart: "box"; y: string; color?: string; boxes: ({ name: string } & BoxSummary)[] }
  /** `matrix[i][j]`: Pearson r of columns i and j; null where a column has no spread. */
  | { chart: "correlation"; variables: string[]; matrix: (number | null)[][] };

export interface PlotParams {
  chart: PlotChartKind;
  x?: string;
  y?: string;
  color?: string;
  bins: number;
}

export function summarizePlot(table: Table, params: PlotParams): PlotValue {
  const color = params.color === undefined ? undefined : getColumn(table, params.color);
  const colorOf = (row: number) => (color === undefined || isMissing(color, row) ? "(missing)" : displayValue(color, row));
  switch (params.chart) {
    case "scatter": {
      const x = numericColumn(table, params.x, "x");
      const y = numericColumn(table, params.y, "y");
      const stride = Math.max(1, Math.ceil(table.rowCount / MAX_SCATTER_POINTS));
      const points: { x: number; y: number; color?: string }[] = [];
      for (let row = 0; row < table.rowCount; row += stride) {
        const px = x.values[row]!;
        const py = y.values[row]!;
        if (Number.isFinite(px) && Number.isFinite(py)) points.push({ x: px, y: py, ...(color === undefined ? {} : { color: colorOf(row) }) });
      }
      return { chart: "scatter", x: x.name, y: y.name, ...(color === undefined ? {} : { color: color.name }), rows: table.rowCount, points };
    }
    case "histogram": {
      const x = numericColumn(table, params.x, "x");
      // One set of edges for every group, so their bars line up.
      const edges = histogramBins(x.values, params.bins);
      const groups = groupRows(table.rowCount, color === undefined ? undefined : colorOf).map(({ name, rows }) => ({
        name,
        bins: countIntoBins(
          edges,
          rows.map((r) => x.values[r]!),
        ),
      }));
      return { chart: "histogram", x: x.name, ...(color === undefined ? {} : { color: color.name }), groups };
    }
    case "box": {
      const y = numericColumn(table, params.y, "y");
      const boxes = groupRows(table.rowCount, color === undefined ? undefined : colorOf).flatMap(({ name, rows }) => {
        const box = boxSummary(rows.map((r) => y.values[r]!));
        return box === undefined ? [] : [{ name, ...box }];
      });
      return { chart: "box", y: y.name, ...(color === undefined ? {} : { color: color.name }), boxes };
    }
    case "correlation": {
      const numeric = table.columns.filter(isNumeric);
      if (numeric.length < 2) throw new Error("A correlation matrix needs at least two numeric columns.");
      const matrix = numeric.map((a) =>
        numeric.map((b) => {
          const r = a === b ? 1 : pearson(a.values, b.values);
          return Number.isNaN(r) ? null : r;
        }),
      );
      return { chart: "correlation", variables: numeric.map((c) => c.name), matrix };
    }
  }
}

function numericColumn(table: Table, name: string | undefined, axis: "x" | "y"): NumericColumn {
  if (name === undefined) throw new Error(`Choose a column for ${axis}.`);
  const column = getColumn(table, name);
  if (!isNumeric(column)) throw new Error(`Column "${name}" is ${column.type}; the ${axis} axis needs a numeric column.`);
  return column;
}

/** Row indices per colour value in first-seen order, or all rows as one unnamed group. */
function groupRows(rowCount: number, colorOf: ((row: number) => string) | undefined): { name: string; rows: number[] }[] {
  if (colorOf === undefined) return [{ name: "", rows: Array.from({ length: rowCount }, (_, r) => r) }];
  const groups = new Map<string, number[]>();
  for (let row = 0; row < rowCount; row++) {
    const name = colorOf(row);
    const rows = groups.get(name);
    if (rows === undefined) groups.set(name, [row]);
    else rows.push(row);
  }
  return [...groups].map(([name, rows]) => ({ name, rows }));
}
