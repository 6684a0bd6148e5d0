/**
 * Turns columns of raw text (from CSV, JSON or Parquet) into typed Table columns:
 * infers each column's type from all its values, or casts to a type the user chose.
 */
import { COLUMN_TYPES, type Column, type ColumnType, type Table } from "./table";
import { decimalKind, isMissingToken, parseBoolean, parseDecimal, parseIsoDate, type DecimalKind } from "./values";

export interface InferOptions {
  /** Per-column type chosen by the user instead of the inferred one. */
  types?: Readonly<Record<string, ColumnType>>;
  /** A string column with more distinct values than this is text (default 100). */
  maxCategoryLevels?: number;
}

/** Says where row r came from in the source, e.g. "line 17", for error messages. */
export type RowLocator = (row: number) => string;

/** Strings averaging more characters than this are prose, not labels. */
const TEXT_MEAN_LENGTH = 50;
/** Below this many values every string column is a category unless it is long prose. */
const SMALL_COLUMN = 20;

/**
 * The narrowest type that reads every non-missing value: boolean (true/false),
 * integer, number, date (ISO 8601), then category or text. Integers longer than
 * 15 characters (ids) stay strings so no digit is lost. A string column is a
 * category when it has at most `maxCategoryLevels` distinct values, at most half
 * as many distinct values as values (once it has more than 20), and short
 * values; otherwise text. A column with no values at all is "number" (all NaN).
 */
export function inferColumnType(values: readonly string[], options: InferOptions = {}): ColumnType {
  return scanColumn(values, options, null);
}

/** inferColumnType + buildColumn in one pass for numeric columns, which are most of most tables. */
export function inferColumn(name: string, values: readonly string[], options: InferOptions = {}, locate?: RowLocator): Column {
  const numbers = new Float64Array(values.length);
  const type = scanColumn(values, options, numbers);
  return type === "number" || type === "integer" ? { name, type, values: numbers } : buildColumn(name, values, type, locate);
}

/** The inference pass. While every value so far is numeric, it also stores the numbers in `numbers`. */
function scanColumn(values: readonly string[], options: InferOptions, numbers: Float64Array | null): ColumnType {
  const maxLevels = options.maxCategoryLevels ?? 100;
  let boolean = true;
  let integer = true;
  let numeric = true;
  let date = true;
  let present = 0;
  let totalLength = 0;
  const distinct = new Set<string>();

  for (let r = 0; r < values.length; r++) {
    const raw = values[r]!;
    if (isMissingToken(raw)) {
      if (numbers && numeric) numbers[r] = Number.NaN;
      continue;
    }
    present++;
    const value = trimEdges(raw);
    totalLength += value.length;
    if (distinct.size <= maxLevels) distinct.add(value);
    if (boolean && Number.isNaN(parseBoolean(value))) boolean = false;
    if (numeric) {
      const kind = numericKind(value);
      if (kind === null) numeric = integer = false;
      else {
        if (kind === "decimal") integer = false;
        if (numbers) numbers[r] = Number(value);
      }
    }
    if (date && Number.isNaN(parseIsoDate(value))) date = false;
  }

  if (present === 0) return "number";
  if (boolean) return "boolean";
  if (integer) return "integer";
  if (numeric) return "number";
  if (date) return "date";
  return labelsOrProse(distinct.size, present, totalLength, maxLevels);
}

/**
 * Category or text, by the rule inferColumnType applies to string columns, for values
 * already known to be strings (e.g. returned by user code), so "1" stays a string.
 */
export function stringColumnType(values: readonly string[], options: InferOptions = {}): "category" | "text" {
  const maxLevels = options.maxCategoryLevels ?? 100;
  const distinct = new Set<string>();
  let present = 0;
  let totalLength = 0;
  for (const raw of values) {
    if (isMissingToken(raw)) continue;
    present++;
    const value = trimEdges(raw);
    totalLength += value.length;
    if (distinct.size <= maxLevels) distinct.add(value);
  }
  return present === 0 ? "category" : labelsOrProse(distinct.size, present, totalLength, maxLevels);
}

function labelsOrProse(levels: number, present: number, totalLength: number, maxLevels: number): "category" | "text" {
  const isCategory = levels <= maxLevels && totalLength / present <= TEXT_MEAN_LENGTH && (present <= SMALL_COLUMN || levels <= present / 2);
  return isCategory ? "category" : "text";
}

/**
 * How a present, trimmed value reads in a numeric column: a decimal literal's kind, or null.
 * Integers beyond 15 digits (ids, card numbers) would lose digits as doubles: they stay strings.
 */
export function numericKind(value: string): DecimalKind | null {
  const kind = decimalKind(value);
  return kind === "integer" && value.length > 15 ? null : kind;
}

/** Strips spaces/tabs only when there are some, so the common case allocates nothing. */
export function trimEdges(raw: string): string {
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first === 32 || first === 9 || last === 32 || last === 9 ? raw.trim() : raw;
}

/**
 * Builds a typed column. Missing tokens become NaN / -1 / null. Throws when a value
 * cannot be read as `type`, naming the column, the row's location and the value.
 * For a user-chosen boolean column, t/f, yes/no, y/n and 1/0 are also accepted.
 * Category levels are sorted (by UTF-16 code units) so they do not depend on row order.
 */
export function buildColumn(name: string, values: readonly string[], type: ColumnType, locate: RowLocator = (row) => `row ${row + 1}`): Column {
  const n = values.length;
  const fail = (row: number, raw: string, what: string): never => {
    throw new Error(`Column "${name}": cannot read "${raw}" on ${locate(row)} as ${what}.`);
  };

  switch (type) {
    case "text":
      return { name, type, values: values.map((raw) => (isMissingToken(raw) ? null : raw)) };
    case "category":
      return buildCategory(name, values);
    default: {
      const out = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const raw = values[r]!;
        if (isMissingToken(raw)) {
          out[r] = Number.NaN;
          continue;
        }
        const value = trimEdges(raw);
        let parsed: number;
        if (type === "boolean") {
          parsed = parseBoolean(value, true);
          if (Number.isNaN(parsed)) fail(r, raw, "a boolean (true/false)");
        } else if (type === "date") {
          parsed = parseIsoDate(value);
          if (Number.isNaN(parsed)) fail(r, raw, "an ISO 8601 date");
        } else {
          parsed = parseDecimal(value);
          if (Number.isNaN(parsed)) fail(r, raw, type === "integer" ? "an integer" : "a number");
          if (type === "integer" && !Number.isInteger(parsed)) fail(r, raw, "an integer");
        }
        out[r] = parsed;
      }
      return { name, type, values: out };
    }
  }
}

function buildCategory(name: string, values: readonly string[]): Column {
  const n = values.length;
  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const firstSeen: string[] = [];
  for (let r = 0; r < n; r++) {
    const raw = values[r]!;
    if (isMissingToken(raw)) {
      codes[r] = -1;
      continue;
    }
    const value = trimEdges(raw);
    let code = index.get(value);
    if (code === undefined) {
      code = firstSeen.length;
      index.set(value, code);
      firstSeen.push(value);
    }
    codes[r] = code;
  }
  const levels = [...firstSeen].sort(compareStrings);
  const remap = new Int32Array(firstSeen.length);
  levels.forEach((level, sortedCode) => {
    remap[index.get(level)!] = sortedCode;
  });
  for (let r = 0; r < n; r++) {
    const code = codes[r]!;
    if (code >= 0) codes[r] = remap[code]!;
  }
  return { name, type: "category", codes, levels };
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds a Table from named columns of raw text, inferring each column's type
 * unless `options.types` names it. Throws if `options.types` names a column that
 * does not exist or a type that does not exist.
 */
export function tableFromTextColumns(
  names: readonly string[],
  columns: readonly (readonly string[])[],
  rowCount: number,
  options: InferOptions = {},
  locate?: RowLocator,
): Table {
  const overrides = checkTypeOverrides(names, options.types);
  return {
    rowCount,
    columns: names.map((name, c) => {
      const values = columns[c]!;
      return Object.hasOwn(overrides, name) ? buildColumn(name, values, overrides[name]!, locate) : inferColumn(name, values, options, locate);
    }),
  };
}

/** The user's per-column types, after checking that each names an existing column and type. */
export function checkTypeOverrides(names: readonly string[], types: InferOptions["types"] = {}): Readonly<Record<string, ColumnType>> {
  for (const [column, type] of Object.entries(types)) {
    if (!names.includes(column)) {
      throw new Error(`Type given for unknown column "${column}". Columns are: ${names.join(", ")}`);
    }
    if (!(COLUMN_TYPES as readonly string[]).includes(type)) {
      throw new Error(`Unknown type "${type}" for column "${column}". Types are: ${COLUMN_TYPES.join(", ")}`);
    }
  }
  return types;
}
