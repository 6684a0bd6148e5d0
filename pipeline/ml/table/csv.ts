/**
 * RFC 4180 CSV reader and writer.
 *
 * The reader is a single forward pass over the file's UTF-8 bytes (see csv-bytes.ts).
 * Fields are stored column-wise (`columns[c][r]`) so no object or array is allocated
 * per row, columns that hold only numbers are parsed into Float64Arrays where they
 * lie, without a string per cell, and only text fields are decoded (see
 * bench/load-split.ts for the comparison with pandas, bench/csv-parse.ts for text).
 */

import { FieldTexts, isBlank, utf8Bytes, type TextInput } from "./csv-bytes";
import { numericKind, trimEdges } from "./infer";
import { isMissingToken } from "./values";

export type { TextInput } from "./csv-bytes";

export type CsvDelimiter = "," | ";" | "\t" | "|";
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t", "|"];

export interface CsvParseOptions {
  /** Field separator; detected from the first lines when omitted. */
  delimiter?: CsvDelimiter;
  /** Whether the first record names the columns (default true). */
  header?: boolean;
}

/** The raw text of a CSV file, split into fields but not yet typed. */
export interface CsvRecords {
  delimiter: CsvDelimiter;
  /** Column names: from the header row, or column_1..column_n without one. */
  header: string[];
  /** `columns[c][r]` is the text of data row r in column c (quotes removed). */
  columns: string[][];
  rowCount: number;
  /** 1-based line of the file on which each data row starts (for error messages). */
  rowLines: Int32Array;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export function decodeText(input: TextInput): string {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8").decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Guesses the delimiter from up to the first 20 lines: the candidate that occurs
 * (outside quotes) the same non-zero number of times on every line wins, ties
 * going to the one occurring most; failing that, the most frequent one; else ",".
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sampleLines: string[] = [];
  let inQuotes = false;
  let lineStart = 0;
  const limit = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < limit && sampleLines.length < 20; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) inQuotes = !inQuotes;
    else if (ch === LF && !inQuotes) {
      sampleLines.push(text.slice(lineStart, i));
      lineStart = i + 1;
    }
  }
  if (sampleLines.length < 20 && lineStart < limit) sampleLines.push(text.slice(lineStart, limit));

  let best: CsvDelimiter = ",";
  let bestConsistent = false;
  let bestScore = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const code = delimiter.charCodeAt(0);
    const counts = sampleLines.filter((line) => line.trim() !== "").map((line) => countOutsideQuotes(line, code));
    if (counts.length === 0) continue;
    const first = counts[0]!;
    const consistent = first > 0 && counts.every((c) => c === first);
    const score = consistent ? first : counts.reduce((a, b) => a + b, 0);
    if ((consistent && !bestConsistent) || (consistent === bestConsistent && score > bestScore)) {
      best = delimiter;
      bestConsistent = consistent;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, code: number): number {
  let count = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === QUOTE) inQuotes = !inQuotes;
    else if (ch === code && !inQuotes) count++;
  }
  return count;
}

/** A column as the reader hands it over: parsed numbers, or the fields' text. */
export type CsvColumn = CsvNumberColumn | CsvTextColumn;

export interface CsvNumberColumn {
  kind: "numbers";
  /** NaN where the field held a missing token. */
  values: Float64Array;
  /** How many fields held a number (not a missing token). */
  present: number;
  /** Whether every number was written as an integer (no point, no exponent). */
  integer: boolean;
}

export interface CsvTextColumn {
  kind: "text";
  values: string[];
}

/** The fields of a CSV file, column by column, with numeric columns already parsed. */
export interface CsvColumns extends Omit<CsvRecords, "columns"> {
  columns: CsvColumn[];
}

export interface CsvColumnsOptions extends CsvParseOptions {
  /**
   * Whether the column of this (de-duplicated) name may be read as numbers: while every
   * field is a decimal literal (see numericKind) or a missing token, it is parsed straight
   * into a Float64Array; at its first other value it turns into text. Default: none.
   */
  numeric?: (name: string) => boolean;
}

/**
 * Splits CSV text into fields. Line breaks are LF or CRLF (a file using lone CRs
 * throughout is read as such); blank lines are skipped; a quote inside an
 * unquoted field is kept literally, as is text between a closing quote and the
 * next delimiter.
 *
 * Throws on: an empty file, an unterminated quoted field (naming the line the
 * quote opened on), a row whose field count differs from the header (naming its line).
 */
export function parseCsvRecords(input: TextInput, options: CsvParseOptions = {}): CsvRecords {
  const parsed = parseCsvColumns(input, options);
  return { ...parsed, columns: parsed.columns.map((column) => (column as CsvTextColumn).values) };
}

/** parseCsvRecords, with the columns `options.numeric` allows parsed into numbers while they hold only numbers. */
export function parseCsvColumns(input: TextInput, options: CsvColumnsOptions = {}): CsvColumns {
  let bytes = utf8Bytes(input);
  if (isBlank(bytes)) throw new Error("The CSV file is empty.");
  if (bytes.indexOf(LF) < 0 && bytes.indexOf(CR) >= 0) bytes = bytes.map((byte) => (byte === CR ? LF : byte));
  const delimiter = options.delimiter ?? detectDelimiter(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, DETECTION_BYTES)));
  return new CsvColumnReader(bytes, delimiter, options.header ?? true, options.numeric).read();
}

/**
 * Enough bytes for detectDelimiter's 64 Ki characters: a UTF-8 character of one UTF-16 unit
 * takes at most 3 bytes, so these decode to more units than it reads, and a character cut at
 * the end falls beyond them.
 */
const DETECTION_BYTES = 4 * 64 * 1024;

const NUMBERS = 0;
const TEXT = 1;
/** Exact powers of ten: a mantissa below 2^53 times or over one of these rounds once, as Number() does. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT_MANTISSA = 2 ** 53;
/** Room reserved before any row is read: line breaks inside quoted text can make the bound far too high. */
const MAX_INITIAL_ROWS = 1 << 21;

/**
 * One forward pass over the bytes. Fields of numeric columns are parsed where they lie,
 * without a string per cell, by a decimal scanner that is exact where Number() is
 * (mantissa below 2^53, power of ten up to 22) and hands anything else to Number().
 * Text fields are decoded through FieldTexts, so a repeated one is decoded once. Fields
 * go straight into their column, so nothing is allocated per row.
 */
class CsvColumnReader {
  private readonly n: number;
  private readonly delim: number;
  private readonly fieldTexts: FieldTexts;
  private width = -1;
  private header: string[] | null = null;
  /** Fields of the first record, before the width is known. */
  private firstRecord: string[] = [];
  private modes = new Uint8Array(0);
  private numbers: Float64Array[] = [];
  private present: number[] = [];
  private integer: boolean[] = [];
  private texts: string[][] = [];
  private capacity = 0;
  private rowCount = 0;
  private rowLines = new Int32Array(0);
  private rowStarts = new Int32Array(0);
  // Results of the last readField / scanNumber call.
  private fieldEnd = 0;
  private fieldLines = 0;
  private scanned = 0;
  private scannedInteger = false;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: CsvDelimiter,
    private readonly hasHeader: boolean,
    private readonly numeric: ((name: string) => boolean) | undefined,
  ) {
    this.n = bytes.length;
    this.delim = delimiter.charCodeAt(0);
    this.fieldTexts = new FieldTexts(bytes);
  }

  read(): CsvColumns {
    const { bytes, n, delim } = this;
    let fieldCount = 0;
    let line = 1;
    let recordLine = 1;
    let recordStart = 0;
    let pos = 0;

    while (pos < n) {
      // At the start of a field.
      const ch = bytes[pos]!;
      if (fieldCount === 0) {
        if (ch === LF || (ch === CR && pos + 1 < n && bytes[pos + 1] === LF)) {
          pos += ch === LF ? 1 : 2;
          line++;
          continue;
        }
        recordLine = line;
        recordStart = pos;
      }

      let end = -1;
      if (fieldCount < this.width && this.modes[fieldCount] === NUMBERS && ch !== QUOTE) {
        end = this.scanNumber(pos);
        if (end >= 0) this.storeNumber(fieldCount, this.scanned, this.scannedInteger);
      }
      if (end < 0) {
        const value = this.readField(pos);
        end = this.fieldEnd;
        line += this.fieldLines;
        if (this.width < 0) this.firstRecord.push(value);
        else if (fieldCount < this.width) this.storeText(fieldCount, value);
      }
      fieldCount++;
      pos = end;

      if (pos >= n) {
        this.endRecord(fieldCount, recordLine, recordStart);
        break;
      }
      if (bytes[pos] === delim) {
        pos++;
        if (pos >= n) {
          // A delimiter right at the end of the file: one last empty field.
          if (this.width < 0) this.firstRecord.push("");
          else if (fieldCount < this.width) this.storeText(fieldCount, "");
          this.endRecord(fieldCount + 1, recordLine, recordStart);
        }
      } else {
        pos++;
        line++;
        this.endRecord(fieldCount, recordLine, recordStart);
        fieldCount = 0;
      }
    }
    return this.result();
  }

  /**
   * Reads the field starting at `pos` (quoted or not) and returns its text; sets fieldEnd
   * to the position of the delimiter or LF after it (or the end of the text) and
   * fieldLines to the line breaks inside it.
   */
  private readField(pos: number): string {
    const { bytes, n, fieldTexts } = this;
    let value = "";
    let lines = 0;
    if (bytes[pos] === QUOTE) {
      let start = pos + 1;
      let parts: string | null = null;
      let i = start;
      for (;;) {
        if (i >= n) throw new Error(`Unterminated quoted field: the quote opened on line ${this.lineOf(pos)} is never closed.`);
        const c = bytes[i]!;
        if (c === QUOTE) {
          if (i + 1 < n && bytes[i + 1] === QUOTE) {
            parts = (parts ?? "") + fieldTexts.text(start, i + 1);
            start = i = i + 2;
            continue;
          }
          break;
        }
        if (c === LF) lines++;
        i++;
      }
      value = parts === null ? fieldTexts.text(start, i) : parts + fieldTexts.text(start, i);
      pos = i + 1;
    }
    // The unquoted run: the whole field, or stray text after a closing quote.
    const end = this.nextFieldEnd(pos);
    const atLineEnd = end >= n || bytes[end] !== this.delim;
    const runEnd = atLineEnd && end > pos && bytes[end - 1] === CR ? end - 1 : end;
    if (runEnd > pos) value = value === "" ? fieldTexts.text(pos, runEnd) : value + fieldTexts.text(pos, runEnd);
    this.fieldEnd = end;
    this.fieldLines = lines;
    return value;
  }

  /** The next delimiter or LF from `from`, or the end: a byte loop, faster here than Uint8Array indexOf for short fields. */
  private nextFieldEnd(from: number): number {
    const { bytes, n, delim } = this;
    let i = from;
    while (i < n) {
      const byte = bytes[i]!;
      if (byte === delim || byte === LF) break;
      i++;
    }
    return i;
  }

  /** The 1-based line of position `pos`, counted only when an error needs it. */
  private lineOf(pos: number): number {
    let line = 1;
    for (let i = this.bytes.indexOf(LF); i >= 0 && i < pos; i = this.bytes.indexOf(LF, i + 1)) line++;
    return line;
  }

  /**
   * Parses an unquoted decimal literal ([+-]digits[.digits][(e|E)[+-]digits]) or an empty
   * field at `pos`, leaving the number (NaN when empty) in `scanned`. Returns where the
   * field ends, as readField would; or -1 for anything else (spaces, missing tokens,
   * integers over 15 characters, stray text), which then goes through readField.
   */
  private scanNumber(pos: number): number {
    // Past the end `ch` is -1, which nothing below takes for a character.
    const { bytes, n } = this;
    let i = pos;
    let ch = bytes[i]!;
    let sign = 1;
    if (ch === 45 || ch === 43) {
      if (ch === 45) sign = -1;
      ch = ++i < n ? bytes[i]! : -1;
    }
    // The first 15 significant digits go to `mantissa` (exact), up to 4 more to `tail`. The
    // integer and fraction loops below repeat one body on purpose: a single loop that also
    // accepts the point measured about 10% slower on all-numeric files (bench/load-split.ts).
    let mantissa = 0;
    let significant = 0;
    let tail = 0;
    let tailDigits = 0;
    let exact = true;
    let digits = 0;
    let fractionDigits = 0;
    let integer = true;
    while (ch >= 48 && ch <= 57) {
      if (significant < 15) {
        mantissa = mantissa * 10 + (ch - 48);
        if (mantissa > 0) significant++;
      } else if (tailDigits < 4) {
        tail = tail * 10 + (ch - 48);
        tailDigits++;
      } else exact = false;
      digits++;
      ch = ++i < n ? bytes[i]! : -1;
    }
    if (ch === 46) {
      integer = false;
      ch = ++i < n ? bytes[i]! : -1;
      while (ch >= 48 && ch <= 57) {
        if (significant < 15) {
          mantissa = mantissa * 10 + (ch - 48);
          if (mantissa > 0) significant++;
        } else if (tailDigits < 4) {
          tail = tail * 10 + (ch - 48);
          tailDigits++;
        } else exact = false;
        digits++;
        fractionDigits++;
        ch = ++i < n ? bytes[i]! : -1;
      }
    }
    let exponent = 0;
    if (digits > 0 && (ch === 101 || ch === 69)) {
      integer = false;
      ch = ++i < n ? bytes[i]! : -1;
      let exponentSign = 1;
      if (ch === 45 || ch === 43) {
        if (ch === 45) exponentSign = -1;
        ch = ++i < n ? bytes[i]! : -1;
      }
      let exponentDigits = 0;
      while (ch >= 48 && ch <= 57) {
        if (exponent < 100_000) exponent = exponent * 10 + (ch - 48);
        exponentDigits++;
        ch = ++i < n ? bytes[i]! : -1;
      }
      if (exponentDigits === 0) return -1;
      exponent *= exponentSign;
    }
    const valueEnd = i;
    // What ends the field: a delimiter, LF, CRLF, a CR at the end of the text, or the end.
    let end: number;
    if (i >= n || ch === this.delim || ch === LF) end = i;
    else if (ch === CR && (i + 1 >= n || bytes[i + 1] === LF)) end = i + 1;
    else return -1;

    if (digits === 0) {
      if (valueEnd !== pos) return -1; // a lone sign
      this.scanned = Number.NaN;
      this.scannedInteger = true;
      return end;
    }
    if (integer && valueEnd - pos > 15) return -1;
    const power = exponent - fractionDigits;
    let value = Number.NaN;
    if (exact && power >= -22 && power <= 22) {
      const whole = tailDigits === 0 ? mantissa : mantissa * POWERS_OF_TEN[tailDigits]! + tail;
      if (whole < MAX_EXACT_MANTISSA) value = power >= 0 ? whole * POWERS_OF_TEN[power]! : whole / POWERS_OF_TEN[-power]!;
      else value = roundDecimal(mantissa, tail, tailDigits, power);
    }
    this.scanned = value === value ? sign * value : Number(this.fieldTexts.uncached(pos, valueEnd));
    this.scannedInteger = integer;
    return end;
  }

  private storeNumber(column: number, value: number, integer: boolean): void {
    this.numbers[column]![this.rowCount] = value;
    if (value === value) {
      this.present[column]!++;
      if (!integer) this.integer[column] = false;
    }
  }

  /** Stores a field read as text: kept as text, or read as a number by inference's rules. */
  private storeText(column: number, value: string): void {
    if (this.modes[column] === TEXT) {
      this.texts[column]!.push(value);
      return;
    }
    if (isMissingToken(value)) {
      this.storeNumber(column, Number.NaN, true);
      return;
    }
    const trimmed = trimEdges(value);
    const kind = numericKind(trimmed);
    if (kind === null) {
      this.turnToText(column);
      this.texts[column]!.push(value);
    } else {
      this.storeNumber(column, Number(trimmed), kind === "integer");
    }
  }

  /** A numeric column met a non-number: its earlier fields are read again, as text. */
  private turnToText(column: number): void {
    const values: string[] = new Array(this.rowCount);
    for (let row = 0; row < this.rowCount; row++) {
      let pos = this.rowStarts[row]!;
      for (let c = 0; c < column; c++) {
        this.readField(pos);
        pos = this.fieldEnd + 1;
      }
      values[row] = this.readField(pos);
    }
    this.modes[column] = TEXT;
    this.texts[column] = values;
    this.numbers[column] = new Float64Array(0);
  }

  private endRecord(fieldCount: number, recordLine: number, recordStart: number): void {
    if (this.width < 0) {
      this.startColumns(fieldCount, recordLine, recordStart);
      return;
    }
    if (fieldCount !== this.width) {
      throw new Error(
        `Row on line ${recordLine} has ${fieldCount} field${fieldCount === 1 ? "" : "s"}, ` +
          `but the ${this.hasHeader ? "header" : "first row"} has ${this.width}.`,
      );
    }
    this.endRow(recordLine, recordStart);
  }

  private endRow(recordLine: number, recordStart: number): void {
    const row = this.rowCount;
    this.rowLines[row] = recordLine;
    this.rowStarts[row] = recordStart;
    this.rowCount++;
    if (this.rowCount === this.capacity) this.grow(this.capacity * 2);
  }

  /** The first record fixes the width and names the columns. */
  private startColumns(width: number, recordLine: number, recordStart: number): void {
    const first = this.firstRecord;
    this.width = width;
    const names = this.hasHeader ? uniqueNames(first) : Array.from({ length: width }, (_, c) => `column_${c + 1}`);
    this.header = names;
    this.modes = Uint8Array.from(names, (name) => (this.numeric?.(name) ? NUMBERS : TEXT));
    this.texts = names.map(() => []);
    this.present = names.map(() => 0);
    this.integer = names.map(() => true);
    this.grow(Math.min(this.rowBound(width), MAX_INITIAL_ROWS));
    if (!this.hasHeader) {
      first.forEach((value, c) => this.storeText(c, value));
      this.endRow(recordLine, recordStart);
    }
    this.firstRecord = [];
  }

  /**
   * More rows than the text can hold: each ends at a LF or the end of the text and
   * takes at least `width` characters. Columns get this much room at once (up to
   * MAX_INITIAL_ROWS), so they are not copied as they fill.
   */
  private rowBound(width: number): number {
    let lineFeeds = 0;
    for (let i = this.bytes.indexOf(LF); i >= 0; i = this.bytes.indexOf(LF, i + 1)) lineFeeds++;
    return Math.min(lineFeeds, Math.floor(this.n / Math.max(width, 1))) + 2;
  }

  private grow(capacity: number): void {
    const resize = <T extends Float64Array | Int32Array>(array: T, make: (length: number) => T): T => {
      const bigger = make(capacity);
      bigger.set(array.subarray(0, this.rowCount));
      return bigger;
    };
    this.numbers = Array.from(this.modes, (mode, c) =>
      mode === NUMBERS ? resize(this.numbers[c] ?? new Float64Array(0), (k) => new Float64Array(k)) : new Float64Array(0),
    );
    this.rowLines = resize(this.rowLines, (k) => new Int32Array(k));
    this.rowStarts = resize(this.rowStarts, (k) => new Int32Array(k));
    this.capacity = capacity;
  }

  private result(): CsvColumns {
    const rows = this.rowCount;
    const header = this.header ?? [];
    const columns = header.map((_, c): CsvColumn =>
      this.modes[c] === NUMBERS
        ? { kind: "numbers", values: fitted(this.numbers[c]!, rows), present: this.present[c]!, integer: this.integer[c]! }
        : { kind: "text", values: this.texts[c]! },
    );
    return { delimiter: this.delimiter, header, columns, rowCount: rows, rowLines: fitted(this.rowLines, rows) };
  }
}

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's constant for splitting a double into halves
const TWO_TO_24 = 16777216;
const RELATIVE_ERROR_BOUND = 2 ** -100;
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/** Which 32-bit word of a float64 holds the sign and exponent on this engine (all current ones: the second). */
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The rounding error of `product` = fl(a × b): a × b = product + error exactly (Dekker's TwoProduct). */
function productError(a: number, b: number, product: number): number {
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/**
 * (mantissa × 10^tailDigits + tail) × 10^power rounded to the nearest double, as Number()
 * rounds the literal, for a 15-digit mantissa, a tail of 1–4 digits and |power| ≤ 22: the
 * integer is held exactly as a sum of two doubles, scaled with error-free products (error
 * below 2^-100 of the result), and the result is kept only when that error cannot move it
 * across a rounding boundary. NaN otherwise (once in about 2^45 random inputs): ask Number().
 */
function roundDecimal(mantissa: number, tail: number, tailDigits: number, power: number): number {
  const scale = POWERS_OF_TEN[tailDigits]!;
  const upper = Math.floor(mantissa / TWO_TO_24);
  const high = upper * scale * TWO_TO_24; // upper × scale < 2^40: exact
  const low = (mantissa - upper * TWO_TO_24) * scale + tail; // < 2^38: exact
  const whole = high + low;
  const wholeError = high - whole + low; // exact: |high| ≥ |low|
  const ten = POWERS_OF_TEN[power >= 0 ? power : -power]!;
  let head: number;
  let rest: number;
  if (power >= 0) {
    head = whole * ten;
    rest = productError(whole, ten, head) + wholeError * ten;
  } else {
    head = whole / ten;
    const back = head * ten;
    rest = (whole - back - productError(head, ten, back) + wholeError) / ten;
  }
  const rounded = head + rest;
  const below = rest - (rounded - head); // head + rest = rounded + below exactly
  scratch[0] = rounded;
  const exponentBits = (scratchWords[HIGH_WORD]! >>> 20) & 0x7ff;
  const powerOfTwo = (scratchWords[HIGH_WORD]! & 0xfffff) === 0 && scratchWords[1 - HIGH_WORD] === 0;
  scratchWords[HIGH_WORD] = (exponentBits - 52) << 20;
  scratchWords[1 - HIGH_WORD] = 0;
  const ulp = scratch[0]!;
  const halfGap = below >= 0 ? ulp / 2 : powerOfTwo ? ulp / 4 : ulp / 2;
  return halfGap - Math.abs(below) > rounded * RELATIVE_ERROR_BOUND ? rounded : Number.NaN;
}

/** The first `length` items: a view when little room is left over (blank lines, line breaks in quotes), else a copy. */
function fitted<T extends Float64Array | Int32Array>(array: T, length: number): T {
  return (array.length - length) * 16 <= array.length ? (array.subarray(0, length) as T) : (array.slice(0, length) as T);
}

/** Blank names become column_N; repeated names get a _2, _3 suffix. */
function uniqueNames(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, c) => {
    const base = name.trim() === "" ? `column_${c + 1}` : name.trim();
    let candidate = base;
    for (let k = 2; seen.has(candidate); k++) candidate = `${base}_${k}`;
    seen.add(candidate);
    return candidate;
  });
}

/** Quotes a field when it holds the delimiter, a quote, a line break, or edge whitespace. */
export function formatCsvField(value: string, delimiter: CsvDelimiter = ","): string {
  const needsQuotes = value.includes(delimiter) || value.includes('"') || value.includes("\n") || value.includes("\r") || value !== value.trim();
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Serialises rows of fields (the first row is the header, if any) as CSV. A row
 * holding a single empty field is written as `""` so the reader does not take
 * it for a blank line.
 */
/** A cell a spreadsheet would run as a formula: starts with = + - @ or a tab/CR, and is not just a number. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Cells made safe for people opening a downloaded CSV in a spreadsheet (OWASP "CSV injection"): text that
 * would start a formula gets a leading apostrophe, which spreadsheets show as text. Numbers such as -1.5 stay
 * as they are. Only for downloads meant for people; a CSV read back by Vajra is written as is.
 */
export function spreadsheetSafeRows(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((row) => row.map((cell) => (FORMULA_START.test(cell) && !Number.isFinite(Number(cell)) ? `'${cell}` : cell)));
}

export function formatCsvRows(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ",", lineEnding: "\n" | "\r\n" = "\n"): string {
  let out = "";
  for (const row of rows) {
    if (row.length === 1 && row[0] === "") out += '""';
    else out += row.map((v) => formatCsvField(v, delimiter)).join(delimiter);
    out += lineEnding;
  }
  return out;
}
