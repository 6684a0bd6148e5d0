import { BLOCK_ROWS } from "./column-blocks";

/**
 * Sums over a table's rows (a Gram matrix, a gradient, a Hessian) are taken in up to this many
 * parts of consecutive row blocks and then added in part order. The parts depend only on the row
 * count, so a fit that spreads them over threads adds the same numbers in the same order as one
 * that computes them all here: the same model either way.
 */
export const MAX_ROW_PARTS = 8;

/** Something summed over row blocks: sizeOf(query) floats, written (not added) into `out` for blocks [fromBlock, toBlock). */
export interface BlockSums<Query> {
  sizeOf(query: Query): number;
  sumBlocks(query: Query, fromBlock: number, toBlock: number, out: Float64Array): void;
}

/** Part p covers blocks bounds[p] .. bounds[p + 1] - 1. */
export function rowPartBounds(rows: number): Int32Array {
  const blocks = Math.ceil(rows / BLOCK_ROWS);
  const parts = Math.max(1, Math.min(MAX_ROW_PARTS, blocks));
  return Int32Array.from({ length: parts + 1 }, (_, p) => Math.round((p * blocks) / parts));
}

/** Parts [fromPart, toPart) one after another, part i - fromPart at partials[(i - fromPart) * size ...]. */
export function sumParts<Query>(sums: BlockSums<Query>, query: Query, bounds: Int32Array, fromPart: number, toPart: number, partials: Float64Array): void {
  const size = sums.sizeOf(query);
  for (let p = fromPart; p < toPart; p++)
    sums.sumBlocks(query, bounds[p]!, bounds[p + 1]!, partials.subarray((p - fromPart) * size, (p - fromPart + 1) * size));
}

/** out = partial 0 + partial 1 + … in part order. */
export function addPartials(partials: Float64Array, size: number, out: Float64Array): void {
  out.set(partials.subarray(0, size));
  for (let at = size; at < partials.length; at += size) {
    for (let i = 0; i < size; i++) out[i]! += partials[at + i]!;
  }
}
