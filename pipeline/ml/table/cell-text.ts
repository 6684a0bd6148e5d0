import { isMissing, type Column } from "./table";
import { formatIsoDate } from "./values";

/**
 * Canonical text of a cell, used for hashing and equality (split keys, duplicate
 * rows): numbers (incl. booleans as 0/1 and dates as epoch ms) in JavaScript's
 * shortest round-trip form, category levels and text verbatim, missing as "".
 */
export function cellKey(column: Column, row: number): string {
  if (isMissing(column, row)) return "";
  switch (column.type) {
    case "category":
      return column.levels[column.codes[row]!]!;
    case "text":
      return column.values[row]!;
    default:
      return String(column.values[row]);
  }
}

/**
 * How a present cell reads to a person (previews, class labels, casts): category
 * level, text, true/false, ISO date or number. Call only for non-missing cells.
 */
export function displayValue(column: Column, row: number): string {
  switch (column.type) {
    case "category":
      return column.levels[column.codes[row]!]!;
    case "text":
      return column.values[row]!;
    case "boolean":
      return column.values[row] ? "true" : "false";
    case "date":
      return formatIsoDate(column.values[row]!);
    default:
      return String(column.values[row]);
  }
}
