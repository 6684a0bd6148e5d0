import { cellKey } from "../table/cell-text";
import type { Column, Table } from "../table/table";

/**
 * Stable row hashing: the same row and seed give the same 32-bit hash in every
 * JavaScript engine (browser worker, server worker, CLI), which is what makes a
 * split repeatable wherever it runs. Only integer arithmetic (Math.imul, shifts)
 * and IEEE 754 bit patterns read in a fixed byte order are involved, so the
 * results are the same everywhere by construction.
 */

/**
 * "cells" (split version 2): MurmurHash3 (x86, 32-bit) over each cell's stored value,
 * numbers as their 64-bit pattern, strings by their FNV-1a hash; no text is built.
 * "text" (split version 1): FNV-1a over the row's canonical text (cellKey), kept so
 * pipelines saved with version 1 split exactly as before.
 */
export const ROW_HASHES = ["cells", "text"] as const;
export type RowHash = (typeof ROW_HASHES)[number];

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

/** Murmur3's finaliser: spreads the bits of a running hash across the whole word (unsigned result). */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Version 1's hash of `text` (unsigned 32-bit): FNV-1a of the seed's decimal text and `text`, finalised. */
export function textHash(text: string, seed: number): number {
  const seeded = Math.imul(fnv1a(String(seed), FNV_OFFSET) ^ CELL_SEPARATOR, FNV_PRIME);
  return fmix32(fnv1a(text, seeded));
}

/** Uniform in [0, 1): version 1's hash of `text` over 2^32. */
export function hashUnit(text: string, seed: number): number {
  return textHash(text, seed) / 4294967296;
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

/** One 32-bit block of MurmurHash3 x86_32 mixed into the running hash `h`. */
function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

/** Stands for a missing category or text cell (a missing number is NaN's canonical pattern). */
const MISSING_WORD = 0x9e3779b9;
/** NaN's canonical bit pattern, 0x7ff8000000000000, as its high and low words. */
const NAN_HIGH = 0x7ff80000;
const NAN_LOW = 0;
/** Which 32-bit half of a float64 comes first in memory on this engine (all current ones: low). */
const LOW_FIRST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LOW = LOW_FIRST ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * The hash of every row's key: `keyColumn`'s cell when given (so rows sharing a key
 * share a hash), else the whole row. Equal keys always hash equal: -0 counts as 0,
 * every NaN as one NaN, category and text cells by their text.
 */
export function rowHashes(table: Table, seed: number, keyColumn?: Column, scheme: RowHash = "cells"): Uint32Array {
  const n = table.rowCount;
  const out = new Uint32Array(n);
  if (scheme === "text") {
    for (let r = 0; r < n; r++) out[r] = textHash(keyColumn ? cellKey(keyColumn, r) : rowKey(table, r), seed);
    return out;
  }
  const columns = (keyColumn ? [keyColumn] : table.columns).map(cellWords);
  const length = (2 + columns.reduce((sum, column) => sum + (column.kind === "number" ? 2 : 1), 0)) * 4;
  // Every row's running hash starts from the seed, hashed like a number cell; then each
  // column's typed array is read in order, mixing its cells into the rows' running hashes.
  // The running hashes live in `out`'s memory (as signed words) and are finalised where they lie.
  const state = new Int32Array(out.buffer).fill(seedState(seed));
  for (const column of columns) {
    if (column.kind === "number") mixNumbers(state, column.values, column.halves);
    else mixWords(state, column.words);
  }
  for (let r = 0; r < n; r++) out[r] = fmix32(state[r]! ^ length);
  return out;
}

/** A column as the words the hash reads: a number's two halves, or one word per category / text cell. */
type CellWords = { kind: "number"; values: Float64Array; halves: Uint32Array } | { kind: "words"; words: Int32Array };

function cellWords(column: Column): CellWords {
  switch (column.type) {
    case "category": {
      const levelWords = column.levels.map((level) => fnv1a(level, FNV_OFFSET));
      const { codes } = column;
      const words = new Int32Array(codes.length);
      for (let r = 0; r < codes.length; r++) words[r] = codes[r]! < 0 ? MISSING_WORD : levelWords[codes[r]!]!;
      return { kind: "words", words };
    }
    case "text": {
      const { values } = column;
      const words = new Int32Array(values.length);
      for (let r = 0; r < values.length; r++) words[r] = values[r] === null ? MISSING_WORD : fnv1a(values[r]!, FNV_OFFSET);
      return { kind: "words", words };
    }
    default:
      return { kind: "number", values: column.values, halves: new Uint32Array(column.values.buffer, column.values.byteOffset, column.values.length * 2) };
  }
}

function mixWords(state: Int32Array, words: Int32Array): void {
  for (let r = 0; r < state.length; r++) state[r] = mixWord(state[r]!, words[r]!);
}

/** Mixes in each number's 64 bits, low word first; -0 counts as 0 and every NaN as the canonical NaN. */
function mixNumbers(state: Int32Array, values: Float64Array, halves: Uint32Array): void {
  for (let r = 0; r < state.length; r++) {
    const value = values[r]!;
    let low = 0;
    let high = 0;
    if (value !== value) {
      low = NAN_LOW;
      high = NAN_HIGH;
    } else if (value !== 0) {
      low = halves[2 * r + LOW]!;
      high = halves[2 * r + HIGH]!;
    }
    // mixWord(mixWord(state[r], low), high), written out: this loop runs for every cell of every
    // number column, and inlined it is fast before the optimising compiler gets to it.
    let k = Math.imul(low, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    let h = state[r]! ^ k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
    k = Math.imul(high, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    state[r] = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
}

/** The seed (an integer) as the first two words of every row, so seeds differ in all 32 bits of the hash. */
function seedState(seed: number): number {
  const halves = new Uint32Array(Float64Array.of(seed === 0 ? 0 : seed).buffer);
  return mixWord(mixWord(0, halves[LOW]!), halves[HIGH]!);
}
