/**
 * The CSV reader works on the file's UTF-8 bytes, not on a decoded string: every byte that
 * structures a CSV file (quote, delimiter, CR, LF, the characters of a number) is ASCII, and
 * no byte of a multi-byte UTF-8 sequence is, so the structure reads the same from the bytes.
 * Only text fields are decoded, one by one. Decoding a whole file first cost as much again
 * as its size in memory and about a fifth of the load time (bench/load-split.ts).
 */

/** Accepts what a File / fetch / fs read hands over; bytes are read as UTF-8. */
export type TextInput = string | Uint8Array | ArrayBuffer;

const BOM = [0xef, 0xbb, 0xbf];

/**
 * The input's UTF-8 bytes without the byte order marks decodeText drops: one before a string,
 * up to two before bytes (TextDecoder drops one, then decodeText another). A string is encoded,
 * so it reads as its file would (a lone surrogate, which no UTF-8 file can hold, reads as U+FFFD).
 */
export function utf8Bytes(input: TextInput): Uint8Array {
  if (typeof input === "string") return new TextEncoder().encode(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  for (let marks = 0; marks < 2 && BOM.every((byte, i) => bytes[i] === byte); marks++) bytes = bytes.subarray(BOM.length);
  return bytes;
}

/** Whether the decoded bytes would be only whitespace (String.prototype.trim's), without decoding them all. */
export function isBlank(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder("utf-8");
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte === 32 || (byte >= 9 && byte <= 13)) {
      i++;
      continue;
    }
    if (byte < 0x80) return false;
    // A non-ASCII character may be whitespace too (U+00A0, U+2028, U+3000…): decode just it. A broken sequence
    // decodes to U+FFFD, which is not whitespace, as decoding the whole file would.
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    if (decoder.decode(bytes.subarray(i, i + length)).trim() !== "") return false;
    i += length;
  }
  return true;
}

/** Cache slots for field texts: a power of two. */
const SLOTS = 4096;
/** Longer fields (prose) rarely repeat: they are decoded without a look in the cache. */
const MAX_CACHED_LENGTH = 64;

/**
 * Decodes byte ranges of one file into strings. A field that repeats (labels and categories,
 * most text fields of a table) is decoded once: each hash slot keeps the last text decoded
 * into it and where its bytes lie, and a field with the same bytes gets that same string
 * back, so a million "yes" cells cost neither a million decodes nor a million strings.
 */
export class FieldTexts {
  // ignoreBOM: a field that starts with U+FEFF keeps it.
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly starts = new Int32Array(SLOTS).fill(-1);
  private readonly lengths = new Int32Array(SLOTS);
  private readonly texts = new Array<string>(SLOTS).fill("");

  constructor(private readonly bytes: Uint8Array) {}

  /** The text of bytes [start, end). */
  text(start: number, end: number): string {
    const length = end - start;
    if (length <= 0) return "";
    if (length > MAX_CACHED_LENGTH) return this.uncached(start, end);
    const bytes = this.bytes;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    const cached = this.starts[slot]!;
    if (cached >= 0 && this.lengths[slot] === length && sameBytes(bytes, cached, start, length)) return this.texts[slot]!;
    const text = this.decoder.decode(bytes.subarray(start, end));
    this.starts[slot] = start;
    this.lengths[slot] = length;
    this.texts[slot] = text;
    return text;
  }

  /** The text of bytes [start, end), not cached: for text read once (a number the scanner hands to Number()). */
  uncached(start: number, end: number): string {
    return this.decoder.decode(this.bytes.subarray(start, end));
  }
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}
