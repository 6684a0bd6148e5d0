import { cellKey } from "../table/cell-text";
import type { Column, Table } from "../table/table";

/**
 * Stable row hashing: the same row text and seed give the same number in every
 * JavaScript engine (browser worker, server worker, CLI), which is what makes a
 * split repeatable wherever it runs.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const CELL_SEPARATOR = 0x1f; // ASCII unit separator: cannot be confused with cell text in practice

/** FNV-1a over the UTF-16 code units of `text`, continuing from `state`. */
function fnv1a(text: string, state: number): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** Plain 32-bit FNV-1a of `text` (unsigned), exposed for known-answer tests. */
export function fnv1a32(text: string): number {
  return fnv1a(text, FNV_OFFSET) >>> 0;
}

/** Murmur3's finaliser: spreads FNV's weak low bits across the whole word. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1): hash of the seed's decimal text and `text`. */
export function hashUnit(text: string, seed: number): number {
  const seeded = Math.imul(fnv1a(String(seed), FNV_OFFSET) ^ CELL_SEPARATOR, FNV_PRIME);
  return fmix32(fnv1a(text, seeded)) / 4294967296;
}

/** Canonical text of a row: its cells' keys joined by U+001F, in column order. */
export function rowKey(table: Table, row: number): string {
  let text = "";
  table.columns.forEach((column, c) => {
    if (c > 0) text += "\u001f";
    text += cellKey(column, row);
  });
  return text;
}

/**
 * hashUnit of each row's key: the value of `keyColumn` when given (so rows sharing
 * a key share a hash), else the whole row's canonical text.
 */
export function rowHashes(table: Table, seed: number, keyColumn?: Column): Float64Array {
  const out = new Float64Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    out[r] = hashUnit(keyColumn ? cellKey(keyColumn, r) : rowKey(table, r), seed);
  }
  return out;
}
