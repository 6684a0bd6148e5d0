import { z } from "zod";
import { SeededRandom } from "../models/random";
import { getColumn, isNumeric, type Table } from "../table/table";
import { takeRows } from "../table/take-rows";
import { concatTables } from "./concat-tables";

export const gaussianNoiseParamsSchema = z.object({
  columns: z.array(z.string().min(1)).min(1).describe("Numeric columns to jitter"),
  scale: z.number().min(0).max(5).default(0.05).describe("Noise standard deviation as a share of each column's standard deviation"),
  copies: z.number().int().min(1).max(20).default(1).describe("Noisy copies of every row to append"),
  seed: z.number().int().default(0),
});
export type GaussianNoiseParams = z.input<typeof gaussianNoiseParamsSchema>;

/** Appends `copies` noisy copies of every row; missing cells stay missing, integer columns are rounded. */
export function addGaussianNoise(table: Table, paramsInput: GaussianNoiseParams): Table {
  const p = gaussianNoiseParamsSchema.parse(paramsInput);
  const rng = new SeededRandom(p.seed);
  const noisy: Table[] = [];
  const names = new Set(p.columns);
  for (const name of names) {
    const column = getColumn(table, name);
    if (!isNumeric(column) || column.type === "boolean") throw new Error(`Column "${name}" is ${column.type}; Gaussian noise needs a number or integer column`);
  }
  for (let copy = 0; copy < p.copies; copy++) {
    const out = takeRows(
      table,
      Int32Array.from({ length: table.rowCount }, (_, r) => r),
    );
    out.columns = out.columns.map((column) => {
      if (!names.has(column.name) || !isNumeric(column)) return column;
      const sd = standardDeviation(column.values) * p.scale;
      const values = column.values.map((v) => {
        if (Number.isNaN(v)) return v;
        const x = v + sd * gaussian(rng);
        return column.type === "integer" ? Math.round(x) : x;
      });
      return { ...column, values };
    });
    noisy.push(out);
  }
  return concatTables([table, ...noisy]);
}

/** Standard normal draw (Box–Muller). */
export function gaussian(rng: SeededRandom): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function standardDeviation(values: Float64Array): number {
  const present = Array.from(values).filter((v) => !Number.isNaN(v));
  if (present.length === 0) return 0;
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  return Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
}
