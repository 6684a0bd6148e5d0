import { privateBuffer, type BufferSource } from "../threads/model-threads";
import type { Matrix } from "../types";

/**
 * Rows per block. Sums over rows run block by block, so the block's part of every column
 * (2048 float32 values, 8 KB each) stays in cache while all pairs of columns are multiplied.
 */
export const BLOCK_ROWS = 2048;

/**
 * The matrix column-major (column c is columns[c * rows ... (c + 1) * rows]), still float32 so
 * the copy is exact and half the size of float64. Sums over rows then run as long, contiguous
 * loops, which V8 compiles tightly, instead of short per-row loops.
 */
export function toColumns(X: Matrix, allocate: BufferSource = privateBuffer): Float32Array {
  const { rows, cols, data } = X;
  const columns = new Float32Array(allocate(rows * cols * Float32Array.BYTES_PER_ELEMENT));
  // Block by block, so each column's writes are sequential while the block's rows stay in cache.
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const end = Math.min(rows, start + BLOCK_ROWS);
    for (let c = 0; c < cols; c++) {
      const column = c * rows;
      for (let r = start; r < end; r++) columns[column + r] = data[r * cols + c]!;
    }
  }
  return columns;
}

/**
 * out[outOffset + i] += Σ_{r < length} a[r] · columns[(first + i) · rows + start + r] for i < count:
 * one vector against `count` consecutive columns over rows [start, start + length). Four columns
 * are done per sweep, each with its own accumulator, so a[r] is read once for four products and
 * the additions do not wait on one another.
 */
export function addColumnDots(
  a: Float64Array,
  columns: Float32Array,
  rows: number,
  start: number,
  first: number,
  count: number,
  length: number,
  out: Float64Array,
  outOffset: number,
): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const c0 = (first + i) * rows + start;
    const c1 = c0 + rows;
    const c2 = c1 + rows;
    const c3 = c2 + rows;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let r = 0; r < length; r++) {
      const v = a[r]!;
      s0 += v * columns[c0 + r]!;
      s1 += v * columns[c1 + r]!;
      s2 += v * columns[c2 + r]!;
      s3 += v * columns[c3 + r]!;
    }
    out[outOffset + i]! += s0;
    out[outOffset + i + 1]! += s1;
    out[outOffset + i + 2]! += s2;
    out[outOffset + i + 3]! += s3;
  }
  for (; i < count; i++) {
    const c = (first + i) * rows + start;
    let even = 0;
    let odd = 0;
    let r = 0;
    for (; r + 1 < length; r += 2) {
      even += a[r]! * columns[c + r]!;
      odd += a[r + 1]! * columns[c + r + 1]!;
    }
    if (r < length) even += a[r]! * columns[c + r]!;
    out[outOffset + i]! += even + odd;
  }
}

/**
 * addColumnDots for two vectors at once (into out[out0 + i] and out[out1 + i]): each column value
 * read serves two products, which is what bounds these loops in V8 (no SIMD).
 */
export function addColumnDotsPair(
  a0: Float64Array,
  a1: Float64Array,
  columns: Float32Array,
  rows: number,
  start: number,
  first: number,
  count: number,
  length: number,
  out: Float64Array,
  out0: number,
  out1: number,
): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const c0 = (first + i) * rows + start;
    const c1 = c0 + rows;
    const c2 = c1 + rows;
    const c3 = c2 + rows;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let r = 0; r < length; r++) {
      const u = a0[r]!;
      const v = a1[r]!;
      const x0 = columns[c0 + r]!;
      const x1 = columns[c1 + r]!;
      const x2 = columns[c2 + r]!;
      const x3 = columns[c3 + r]!;
      s00 += u * x0;
      s01 += u * x1;
      s02 += u * x2;
      s03 += u * x3;
      s10 += v * x0;
      s11 += v * x1;
      s12 += v * x2;
      s13 += v * x3;
    }
    out[out0 + i]! += s00;
    out[out0 + i + 1]! += s01;
    out[out0 + i + 2]! += s02;
    out[out0 + i + 3]! += s03;
    out[out1 + i]! += s10;
    out[out1 + i + 1]! += s11;
    out[out1 + i + 2]! += s12;
    out[out1 + i + 3]! += s13;
  }
  if (i < count) {
    addColumnDots(a0, columns, rows, start, first + i, count - i, length, out, out0 + i);
    addColumnDots(a1, columns, rows, start, first + i, count - i, length, out, out1 + i);
  }
}
