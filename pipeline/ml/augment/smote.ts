import { z } from "zod";
import { SeededRandom } from "../models/random";
import { getColumn, isNumeric, type Column, type Table } from "../table/table";
import { takeRows } from "../table/take-rows";
import { concatTables } from "./concat-tables";

export const smoteParamsSchema = z.object({
  target: z.string().min(1).describe("Class column"),
  k: z.number().int().min(1).max(50).default(5).describe("Nearest neighbours (within the class) to interpolate towards"),
  ratio: z.number().min(0).max(1).default(1).describe("Grow each minority class to this share of the largest class"),
  seed: z.number().int().default(0),
});
export type SmoteParams = z.input<typeof smoteParamsSchema>;

/**
 * SMOTE: each synthetic row of a minority class lies on the segment between a real row
 * of that class and one of its k nearest same-class neighbours (Euclidean distance over
 * the numeric columns, each scaled by its standard deviation). Numeric cells are
 * interpolated (a missing end keeps the base row's value); category, text and boolean
 * cells are taken from whichever end the point lies closer to, as SMOTE-NC does.
 * Returns the original rows followed by the synthetic ones.
 */
export function smote(table: Table, paramsInput: SmoteParams): Table {
  const p = smoteParamsSchema.parse(paramsInput);
  const target = getColumn(table, p.target);
  const byClass = new Map<string, number[]>();
  for (let r = 0; r < table.rowCount; r++) {
    const key = classKey(target, r);
    if (key === null) continue;
    let rows = byClass.get(key);
    if (!rows) byClass.set(key, (rows = []));
    rows.push(r);
  }
  const largest = Math.max(0, ...[...byClass.values()].map((rows) => rows.length));
  const numeric = table.columns.filter((c): c is Extract<Column, { values: Float64Array }> => isNumeric(c) && c.type !== "boolean" && c !== target);
  const scales = numeric.map((c) => standardDeviation(c.values));
  const rng = new SeededRandom(p.seed);
  const synthetic: Table[] = [];

  for (const rows of [...byClass.values()]) {
    const wanted = Math.round(p.ratio * largest) - rows.length;
    if (wanted <= 0 || rows.length < 2) continue;
    const k = Math.min(p.k, rows.length - 1);
    const neighbours = rows.map((r) => nearest(r, rows, k, numeric, scales));
    const bases: number[] = [];
    const partners: number[] = [];
    const gaps: number[] = [];
    for (let i = 0; i < wanted; i++) {
      const b = rng.int(rows.length);
      const options = neighbours[b]!;
      bases.push(rows[b]!);
      partners.push(options[rng.int(options.length)]!);
      gaps.push(rng.next());
    }
    const out = takeRows(table, bases);
    const closerToPartner = gaps.map((g) => g > 0.5);
    out.columns = out.columns.map((column, c) => {
      const source = table.columns[c]!;
      if (source === target) return column;
      if (isNumeric(column) && isNumeric(source) && column.type !== "boolean") {
        const values = column.values.slice();
        for (let i = 0; i < wanted; i++) {
          const a = values[i]!;
          const b = source.values[partners[i]!]!;
          if (!Number.isNaN(a) && !Number.isNaN(b)) values[i] = a + gaps[i]! * (b - a);
          if (column.type === "integer" || column.type === "date") values[i] = Math.round(values[i]!);
        }
        return { ...column, values };
      }
      const partnerCells = takeRows({ rowCount: table.rowCount, columns: [source] }, partners).columns[0]!;
      return pickCells(column, partnerCells, closerToPartner);
    });
    synthetic.push(out);
  }
  return concatTables([table, ...synthetic]);
}

function classKey(column: Column, row: number): string | null {
  if (column.type === "category") return column.codes[row]! < 0 ? null : String(column.codes[row]);
  if (column.type === "text") return column.values[row] ?? null;
  return Number.isNaN(column.values[row]!) ? null : String(column.values[row]);
}

function pickCells(base: Column, partner: Column, usePartner: boolean[]): Column {
  if (base.type === "category" && partner.type === "category") {
    return { ...base, codes: base.codes.map((code, i) => (usePartner[i] ? partner.codes[i]! : code)) };
  }
  if (base.type === "text" && partner.type === "text") return { ...base, values: base.values.map((v, i) => (usePartner[i] ? partner.values[i]! : v)) };
  if (isNumeric(base) && isNumeric(partner)) return { ...base, values: base.values.map((v, i) => (usePartner[i] ? partner.values[i]! : v)) };
  return base;
}

function nearest(row: number, rows: number[], k: number, numeric: { values: Float64Array }[], scales: number[]): number[] {
  const distances = rows
    .filter((other) => other !== row)
    .map((other) => {
      let d = 0;
      numeric.forEach((c, j) => {
        const a = c.values[row]!;
        const b = c.values[other]!;
        // A missing value on either side counts as one standard deviation apart.
        d += Number.isNaN(a) || Number.isNaN(b) ? 1 : ((a - b) / scales[j]!) ** 2;
      });
      return { other, d };
    })
    .sort((x, y) => x.d - y.d || x.other - y.other);
  return distances.slice(0, k).map((x) => x.other);
}

function standardDeviation(values: Float64Array): number {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    squares += v * v;
  }
  const variance = n === 0 ? 0 : squares / n - (sum / n) ** 2;
  return variance > 1e-12 ? Math.sqrt(variance) : 1;
}
