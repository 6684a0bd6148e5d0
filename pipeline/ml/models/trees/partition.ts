import type { BinnedMatrix } from "./binning";

/** Where a node's rows go: non-missing bins 0..bin left, missing values as missingLeft says. */
export interface RowSplit {
  feature: number;
  bin: number;
  missingLeft: boolean;
}

/**
 * Partitions order[start..end) at `split` in place and returns where the right rows begin: the
 * left rows keep their order, the right ones are reversed (histograms add rows in `order`, so
 * every way of partitioning must give this same order). Branch-free: a node's rows go either way
 * at random, and a mispredicted branch per row made this 2× slower (measured 3.2 vs 6–7 ns a
 * row). Left rows are written in place (never ahead of the row being read) and only the right
 * ones go through scratch[start..end).
 */
export function partitionRows(binned: BinnedMatrix, order: Int32Array, scratch: Int32Array, start: number, end: number, split: RowSplit): number {
  let lo = start;
  let hi = end;
  const { columns } = binned;
  const column = split.feature * binned.rows;
  const missingBin = binned.binCounts[split.feature]!;
  const missingLeft = split.missingLeft ? 1 : 0;
  const lastLeftBin = split.bin;
  for (let i = start; i < end; i++) {
    const r = order[i]!;
    const b = columns[column + r]!;
    // Missing codes are above every split bin, so `b <= lastLeftBin` is 0 for them.
    const isMissing = ((b ^ missingBin) - 1) >>> 31;
    const goLeft = (((lastLeftBin - b) >>> 31) ^ 1) | (isMissing & missingLeft);
    order[lo] = r;
    scratch[hi - 1] = r;
    lo += goLeft;
    hi -= 1 - goLeft;
  }
  order.set(scratch.subarray(lo, end), lo);
  return lo;
}

/** Where the second of a range's two halves begins: for partitionRows on each half, then joinPartitionedHalves. */
export function halfway(start: number, end: number): number {
  return start + ((end - start) >>> 1);
}

/**
 * The second step of partitioning order[start..end) as two halves split at halfway(start, end), each already
 * partitioned by partitionRows (lefts ending at firstLeftEnd and secondLeftEnd; the halves may be
 * done on two threads): moves the first half's right rows behind the second half's, which gives
 * exactly partitionRows' order over the whole range. Returns where the right rows begin.
 */
export function joinPartitionedHalves(order: Int32Array, scratch: Int32Array, start: number, end: number, firstLeftEnd: number, secondLeftEnd: number): number {
  const half = halfway(start, end);
  const firstRights = half - firstLeftEnd;
  if (firstRights > 0) {
    scratch.set(order.subarray(firstLeftEnd, half), start);
    order.copyWithin(firstLeftEnd, half, end);
    order.set(scratch.subarray(start, start + firstRights), end - firstRights);
  }
  return secondLeftEnd - firstRights;
}
