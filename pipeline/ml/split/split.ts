import { z } from "zod";
import { parseParams } from "../table/parse-params";
import { getColumn, type Table } from "../table/table";
import { cellKey } from "../table/cell-text";
import { ROW_HASHES, rowHashes } from "./row-hash";

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
    /** How rows are hashed (see ROW_HASHES); "text" reproduces split version 1. */
    hash: z.enum(ROW_HASHES).default("cells"),
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
 * splitParamsSchema). Rows with the same key (same key value, or identical rows)
 * are never cut apart. Throws when the table, or with `stratify` a class, has too
 * few rows to give each split with a non-zero ratio at least one row.
 */
export function splitRows(table: Table, params: SplitParams): SplitIndices {
  const p = parseParams(splitParamsSchema, params, "split parameters");
  const n = table.rowCount;
  if (n === 0) throw new Error("The table has no rows to split.");
  const ratios = [p.train, p.validation, p.test];
  const hashes = rowHashes(table, p.seed, p.key === undefined ? undefined : getColumn(table, p.key), p.hash);
  const parts = new Uint8Array(n);

  if (p.assignment === "threshold") {
    for (let r = 0; r < n; r++) {
      const u = hashes[r]! / 4294967296;
      parts[r] = u < p.train ? 0 : u < p.train + p.validation ? 1 : 2;
    }
  } else {
    cutByHashThresholds(hashes, strata(table, p.stratify), ratios, parts, p.stratify);
  }
  return rowsByPart(parts);
}

/**
 * Exact assignment: within each stratum, rows in (hash, row) order fill train, then
 * validation, then test, each up to its allocated count; a cut moves past rows whose
 * hash ties with the last row taken, so equal keys stay together. A part is therefore
 * the rows whose hash lies between two thresholds, each the hash at a cut position:
 * found by selection (expected linear time), not by sorting, then applied in one pass.
 */
function cutByHashThresholds(hashes: Uint32Array, groups: Strata, ratios: number[], parts: Uint8Array, stratify: string | undefined): void {
  const k = groups.labels.length;
  const n = hashes.length;
  // Each stratum's hashes, side by side: stratum g occupies [offsets[g], offsets[g + 1]).
  const offsets = new Int32Array(k + 1);
  for (let r = 0; r < n; r++) offsets[groups.ids[r]! + 1]!++;
  for (let g = 0; g < k; g++) offsets[g + 1]! += offsets[g]!;
  const grouped = new Uint32Array(n);
  const filled = offsets.slice(0, k);
  for (let r = 0; r < n; r++) grouped[filled[groups.ids[r]!]!++] = hashes[r]!;

  const cuts = ratios.length - 1;
  // thresholds[g * cuts + i]: the largest hash in part i of stratum g (-1: part i and those before it are empty).
  const thresholds = new Float64Array(k * cuts);
  for (let g = 0; g < k; g++) {
    const from = offsets[g]!;
    const size = offsets[g + 1]! - from;
    const counts = allocate(size, ratios);
    if (counts.some((count, i) => count === 0 && ratios[i]! > 0)) throw new Error(tooFewRowsMessage(size, ratios, stratify, groups.labels[g]!));
    let threshold = -1;
    let start = 0;
    for (let i = 0; i < cuts; i++) {
      const end = Math.min(size, start + counts[i]!);
      if (end > start) {
        threshold = select(grouped, from, from + size, from + end - 1);
        start = countAtMost(grouped, from, from + size, threshold);
      }
      thresholds[g * cuts + i] = threshold;
    }
  }
  for (let r = 0; r < n; r++) {
    const base = groups.ids[r]! * cuts;
    const hash = hashes[r]!;
    let part = 0;
    while (part < cuts && hash > thresholds[base + part]!) part++;
    parts[r] = part;
  }
}

/** The value that would sit at index `k` if values[from, to) were sorted; reorders that range (Hoare's selection). */
function select(values: Uint32Array, from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const a = values[lo]!;
    const b = values[(lo + hi) >>> 1]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

function countAtMost(values: Uint32Array, from: number, to: number, limit: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (values[i]! <= limit) count++;
  return count;
}

/** Ascending row indices of each part. */
function rowsByPart(parts: Uint8Array): SplitIndices {
  const sizes = [0, 0, 0];
  for (let r = 0; r < parts.length; r++) sizes[parts[r]!]!++;
  const out = sizes.map((size) => new Int32Array(size));
  const filled = [0, 0, 0];
  for (let r = 0; r < parts.length; r++) {
    const p = parts[r]!;
    out[p]![filled[p]!++] = r;
  }
  return { train: out[0]!, validation: out[1]!, test: out[2]! };
}

/** Each row's stratum (numbered in order of first appearance) and each stratum's label (its cellKey). */
interface Strata {
  ids: Int32Array;
  labels: string[];
}

/** Rows grouped by the stratify column's value (missing values form their own group), or one group. */
function strata(table: Table, stratify: string | undefined): Strata {
  const ids = new Int32Array(table.rowCount);
  if (stratify === undefined) return { ids, labels: [""] };
  const column = getColumn(table, stratify);
  const labels: string[] = [];
  const idOf = new Map<unknown, number>();
  for (let r = 0; r < table.rowCount; r++) {
    // Values that give the same cellKey share a group: codes of one category column, numbers
    // (a Map holds -0 and 0, and every NaN, as one key), texts (missing counts as "").
    const value = column.type === "category" ? column.codes[r]! : column.type === "text" ? (column.values[r] ?? "") : column.values[r]!;
    let id = idOf.get(value);
    if (id === undefined) {
      id = labels.length;
      idOf.set(value, id);
      labels.push(cellKey(column, r));
    }
    ids[r] = id;
  }
  return { ids, labels };
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
