/**
 * Strict readers for the textual forms of cell values. They are stricter than
 * Number() / Date.parse() on purpose: Number("0x1f") and Number(" ") are numbers
 * and Date.parse("2007") is a date, which would turn ids and years into the wrong type.
 */

const MISSING_TOKENS = new Set(["", "na", "n/a", "nan", "null", "none", "?"]);

/** Empty, NA, N/A, NaN, null, None and "?" (any case, surrounding spaces ignored) mean "no value". */
export function isMissingToken(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return true;
  if (n > 8) return false;
  // Every token starts with n, N, ? or whitespace: digits and most words leave here without allocating.
  const first = raw.charCodeAt(0);
  if (first !== 110 && first !== 78 && first !== 63 && first !== 32 && first !== 9) return false;
  return MISSING_TOKENS.has(raw.trim().toLowerCase());
}

export type DecimalKind = "integer" | "decimal";

/** "integer" for [+-]digits, "decimal" for other decimal literals (1.5, .5, 1e3), null otherwise. */
export function decimalKind(s: string): DecimalKind | null {
  const n = s.length;
  let i = 0;
  let ch = s.charCodeAt(0);
  if (ch === 43 || ch === 45) i++; // + -
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  let integer = true;
  if (i < n && s.charCodeAt(i) === 46) {
    integer = false;
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return null;
  if (i < n) {
    ch = s.charCodeAt(i);
    if (ch !== 101 && ch !== 69) return null; // e E
    integer = false;
    i++;
    ch = s.charCodeAt(i);
    if (ch === 43 || ch === 45) i++;
    let expDigits = 0;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      expDigits++;
    }
    if (expDigits === 0 || i < n) return null;
  }
  return integer ? "integer" : "decimal";
}

function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

/** The number a decimal literal denotes, or NaN when `s` is not one. */
export function parseDecimal(s: string): number {
  return decimalKind(s) === null ? Number.NaN : Number(s);
}

const TRUE_WORDS = new Set(["true"]);
const FALSE_WORDS = new Set(["false"]);
/** Accepted only when the user asks for a boolean column, never inferred: "yes"/"no" is usually a category. */
const LOOSE_TRUE = new Set(["true", "t", "yes", "y", "1"]);
const LOOSE_FALSE = new Set(["false", "f", "no", "n", "0"]);

/** 1 for true, 0 for false, NaN otherwise. `loose` also accepts t/f, yes/no, y/n, 1/0. */
export function parseBoolean(s: string, loose = false): number {
  if (!loose && s.length !== 4 && s.length !== 5) return Number.NaN;
  const lower = s.toLowerCase();
  if ((loose ? LOOSE_TRUE : TRUE_WORDS).has(lower)) return 1;
  if ((loose ? LOOSE_FALSE : FALSE_WORDS).has(lower)) return 0;
  return Number.NaN;
}

/**
 * Epoch milliseconds of an ISO 8601 date or date-time (YYYY-MM-DD, optionally
 * followed by T or a space, hh:mm[:ss[.fff]] and Z or ±hh:mm), or NaN. A time
 * without an offset is read as UTC so the same file gives the same numbers in
 * every time zone.
 */
export function parseIsoDate(s: string): number {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (n === 10) return Date.UTC(year, month - 1, day);

  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || n < 16 || s.charCodeAt(13) !== 58) return Number.NaN; // T, space, :
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (i < n && s.charCodeAt(i) === 58) {
    second = digitsAt(s, i + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (i < n && s.charCodeAt(i) === 46) {
      let j = i + 1;
      let fraction = "";
      while (j < n && isDigit(s.charCodeAt(j))) fraction += s[j++];
      if (fraction === "") return Number.NaN;
      millis = Math.round(Number(`0.${fraction}`) * 1000);
      i = j;
    }
  }
  let offsetMinutes = 0;
  if (i < n) {
    const z = s.charCodeAt(i);
    if (z === 90 && i === n - 1) {
      i++;
    } else if ((z === 43 || z === 45) && n - i === 6 && s.charCodeAt(i + 3) === 58) {
      const oh = digitsAt(s, i + 1, 2);
      const om = digitsAt(s, i + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
      offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
      i = n;
    } else {
      return Number.NaN;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

function digitsAt(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const ch = s.charCodeAt(i);
    if (!isDigit(ch)) return -1;
    value = value * 10 + (ch - 48);
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO text of an epoch-ms date: just the day when it falls on UTC midnight. */
export function formatIsoDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/**
 * The text form of a decoded JSON / Parquet value, fed to the same inference as
 * CSV fields: null/undefined → "" (missing), Date → ISO text, nested values → JSON.
 */
export function cellText(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return Number.isFinite(value) ? String(value) : "";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "undefined":
      return "";
    case "object":
      if (value === null) return "";
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : formatIsoDate(value.getTime());
      return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner));
    default:
      return String(value);
  }
}
