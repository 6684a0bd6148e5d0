import { z } from "zod";
import { parseParams } from "../table/parse-params";
import { getColumn, type Table } from "../table/table";
import { cellKey } from "../table/cell-text";
import { rowHashes } from "./row-hash";

export const SPLIT_NAMES = ["train", "validation", "test"] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

const ratio = z.number().min(0).max(1);

export const splitParamsSchema = z
  .object({
    train: ratio,
    validation: ratio.default(0),
    test: ratio,
    /** Changes which rows land where; the same seed always gives the same split. */
    seed: z.number().int().default(0),
    /** Hash this column's value instead of the whole row: rows sharing a key stay together. */
    key: z.string().min(1).optional(),
    /** Keep this column's class proportions in every split (needs "exact" assignment). */
    stratify: z.string().min(1).optional(),
    /**
     * "exact": order rows by hash and cut at the ratios, so split sizes match the
     * ratios to within a row. "threshold": each row goes by its own hash alone
     * (hash < train → train, …), so a row's split never depends on the other
     * rows, e.g. when the dataset grows; sizes then only approximate the ratios.
     */
    assignment: z.enum(["exact", "threshold"]).default("exact"),
  })
  .refine((p) => Math.abs(p.train + p.validation + p.test - 1) < 1e-9, {
    message: "train + validation + test must add up to 1",
  })
  .refine((p) => p.train > 0, { message: "train must be more than 0", path: ["train"] })
  .refine((p) => !(p.stratify && p.assignment === "threshold"), {
    message: 'stratify needs assignment "exact"',
    path: ["stratify"],
  });

export type SplitParams = z.input<typeof splitParamsSchema>;

/** Row indices of each split, ascending (so the source order, e.g. time, is kept). */
export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/**
 * Assigns every row to train / validation / test by a seeded hash of its key (see
 * splitParamsSchema). Rows with the same key text (same key value, or identical
 * rows) are never cut apart. Throws when the table, or with `stratify` a class,
 * has too few rows to give each split with a non-zero ratio at least one row.
 */
export function splitRows(table: Table, params: SplitParams): SplitIndices {
  const p = parseParams(splitParamsSchema, params, "split parameters");
  if (table.rowCount === 0) throw new Error("The table has no rows to split.");
  const ratios = [p.train, p.validation, p.test];
  const hashes = rowHashes(table, p.seed, p.key === undefined ? undefined : getColumn(table, p.key));
  const buckets: number[][] = [[], [], []];

  if (p.assignment === "threshold") {
    for (let r = 0; r < table.rowCount; r++) {
      const u = hashes[r]!;
      buckets[u < p.train ? 0 : u < p.train + p.validation ? 1 : 2]!.push(r);
    }
  } else {
    for (const [label, rows] of strata(table, p.stratify)) {
      const counts = allocate(rows.length, ratios);
      if (counts.some((count, i) => count === 0 && ratios[i]! > 0)) {
        throw new Error(tooFewRowsMessage(rows.length, ratios, p.stratify, label));
      }
      rows.sort((a, b) => hashes[a]! - hashes[b]! || a - b);
      let start = 0;
      counts.forEach((count, i) => {
        let end = i === counts.length - 1 ? rows.length : Math.min(rows.length, start + count);
        // Move the cut past rows tied with the last one taken, so equal keys stay together.
        while (end > start && end < rows.length && hashes[rows[end]!] === hashes[rows[end - 1]!]) end++;
        for (let k = start; k < end; k++) buckets[i]!.push(rows[k]!);
        start = end;
      });
    }
  }
  const [train, validation, test] = buckets.map((rows) => Int32Array.from(rows).sort());
  return { train: train!, validation: validation!, test: test! };
}

/** Rows grouped by the stratify column's value (missing values form their own group), or one group. */
function strata(table: Table, stratify: string | undefined): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const column = stratify === undefined ? undefined : getColumn(table, stratify);
  for (let r = 0; r < table.rowCount; r++) {
    const label = column ? cellKey(column, r) : "";
    let rows = groups.get(label);
    if (!rows) groups.set(label, (rows = []));
    rows.push(r);
  }
  return groups;
}

/** Largest-remainder rounding of n × ratios: each count is within one of its ideal. */
export function allocate(n: number, ratios: readonly number[]): number[] {
  const ideal = ratios.map((r) => n * r);
  const counts = ideal.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const byRemainder = ideal.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

function tooFewRowsMessage(rows: number, ratios: number[], stratify: string | undefined, label: string): string {
  const smallest = Math.min(...ratios.filter((r) => r > 0));
  // ceil(1 / smallest) rows always suffice; search below it for the exact minimum.
  const enough = Math.ceil(1 / smallest);
  let needed = rows + 1;
  while (needed < enough && needed - rows < 10_000 && allocate(needed, ratios).some((c, i) => c === 0 && ratios[i]! > 0)) {
    needed++;
  }
  const split = SPLIT_NAMES.map((name, i) => `${name} ${ratios[i]}`).join(" / ");
  const who =
    stratify === undefined
      ? `The table has only ${rows} row${rows === 1 ? "" : "s"}`
      : `Class "${label === "" ? "(missing)" : label}" of column "${stratify}" has only ${rows} row${rows === 1 ? "" : "s"}`;
  return `${who}; a ${split} split needs at least ${needed}${stratify === undefined ? "" : " per class"}.`;
}
