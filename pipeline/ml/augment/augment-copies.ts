import { SeededRandom } from "../models/random";
import { getColumn, isNumeric, type Table } from "../table/table";
import { takeRows } from "../table/take-rows";
import { concatTables } from "./concat-tables";
import { augmentImage, type ImageAugmentParams } from "./image-augment";
import { augmentText, type TextAugmentParams } from "./text-augment";

/** Appends `copies` augmented copies of every row, rewriting one text column; other columns (the label) are kept. */
export function augmentTextColumn(table: Table, column: string, copies: number, params: TextAugmentParams, seed: number): Table {
  const source = getColumn(table, column);
  if (source.type !== "text") throw new Error(`Column "${column}" is ${source.type}; text augmentation needs a text column`);
  const rng = new SeededRandom(seed);
  const copiesOut: Table[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const out = takeRows(
      table,
      Int32Array.from({ length: table.rowCount }, (_, r) => r),
    );
    out.columns = out.columns.map((c) =>
      c.name === column && c.type === "text" ? { ...c, values: c.values.map((v) => (v === null ? v : augmentText(v, params, rng))) } : c,
    );
    copiesOut.push(out);
  }
  return concatTables([table, ...copiesOut]);
}

/** Appends `copies` augmented copies of every row, treating `pixelColumns` (row-major) as one image. */
export function augmentImageRows(table: Table, pixelColumns: readonly string[], copies: number, params: ImageAugmentParams, seed: number): Table {
  const columns = pixelColumns.map((name) => getColumn(table, name));
  columns.forEach((c) => {
    if (!isNumeric(c)) throw new Error(`Pixel column "${c.name}" is ${c.type}; pixels must be numeric`);
  });
  const rng = new SeededRandom(seed);
  const copiesOut: Table[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const out = takeRows(
      table,
      Int32Array.from({ length: table.rowCount }, (_, r) => r),
    );
    const pixelValues = pixelColumns.map((name) => {
      const c = getColumn(out, name);
      return isNumeric(c) ? c.values : new Float64Array(0);
    });
    for (let r = 0; r < table.rowCount; r++) {
      const image = augmentImage(
        Float64Array.from(pixelValues, (values) => values[r]!),
        params,
        rng,
      );
      pixelValues.forEach((values, i) => (values[r] = columns[i]!.type === "integer" ? Math.round(image[i]!) : image[i]!));
    }
    copiesOut.push(out);
  }
  return concatTables([table, ...copiesOut]);
}
