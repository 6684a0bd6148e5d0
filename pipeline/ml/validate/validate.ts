import { displayValue } from "../table/cell-text";
import { parseParams } from "../table/parse-params";
import { isMissing, isNumeric, type Column, type Table } from "../table/table";
import { parseIsoDate } from "../table/values";
import { expectationsSchema, type Expectation } from "./expectations";

export interface FailingExample {
  /** 0-based row index in the table. */
  row: number;
  /** Display text of the cell, null when missing. */
  value: string | null;
}

export interface ExpectationResult {
  expectation: Expectation;
  column?: string;
  passed: boolean;
  /** Rows that break the expectation (0 for rowCount, which is about the whole table). */
  failingRows: number;
  /** Up to MAX_EXAMPLES failing rows, in row order. */
  examples: FailingExample[];
  /** One readable sentence: what was expected and what was found (rows counted from 1 there). */
  message: string;
}

export interface ValidationReport {
  passed: boolean;
  rowCount: number;
  results: ExpectationResult[];
}

const MAX_EXAMPLES = 5;

/** Checks every expectation against the table; an unknown column fails its expectation rather than throwing. */
export function validateTable(table: Table, expectations: readonly Expectation[]): ValidationReport {
  const parsed = parseParams(expectationsSchema, expectations, "expectations");
  const results = parsed.map((e) => check(table, e));
  return { passed: results.every((r) => r.passed), rowCount: table.rowCount, results };
}

function check(table: Table, e: Expectation): ExpectationResult {
  if (e.kind === "rowCount") {
    const n = table.rowCount;
    const passed = (e.min === undefined || n >= e.min) && (e.max === undefined || n <= e.max);
    return { expectation: e, passed, failingRows: 0, examples: [], message: `row count ${describeBounds(e.min, e.max)}: found ${n}` };
  }
  const column = table.columns.find((c) => c.name === e.column);
  if (!column) {
    return { expectation: e, column: e.column, passed: false, failingRows: 0, examples: [], message: `column "${e.column}" does not exist` };
  }
  let fails: (row: number) => boolean;
  let what: string;
  switch (e.kind) {
    case "notNull":
      fails = (r) => isMissing(column, r);
      what = "has no missing values";
      break;
    case "range": {
      if (!isNumeric(column)) {
        return failedSetup(e, `column "${e.column}" is ${column.type}; a range needs a numeric or date column`);
      }
      const min = boundValue(column, e.min, "min");
      const max = boundValue(column, e.max, "max");
      fails = (r) => {
        const v = column.values[r]!;
        return !Number.isNaN(v) && (v < min || v > max);
      };
      what = `is ${describeBounds(e.min, e.max)}`;
      break;
    }
    case "unique": {
      const counts = new Map<string, number>();
      for (let r = 0; r < table.rowCount; r++) {
        if (isMissing(column, r)) continue;
        const key = displayValue(column, r);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      fails = (r) => !isMissing(column, r) && counts.get(displayValue(column, r))! > 1;
      what = "has unique values";
      break;
    }
    case "allowedValues": {
      const allowed = new Set(e.values.map(String));
      fails = (r) => !isMissing(column, r) && !allowed.has(displayValue(column, r));
      what = `only holds ${e.values.map((v) => JSON.stringify(v)).join(", ")}`;
      break;
    }
  }

  let failingRows = 0;
  const examples: FailingExample[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    if (!fails(r)) continue;
    failingRows++;
    if (examples.length < MAX_EXAMPLES) examples.push({ row: r, value: isMissing(column, r) ? null : displayValue(column, r) });
  }
  const found =
    failingRows === 0
      ? "all rows pass"
      : `${failingRows} row${failingRows === 1 ? "" : "s"} fail (${examples.map(describeExample).join(", ")}${failingRows > examples.length ? ", …" : ""})`;
  return { expectation: e, column: e.column, passed: failingRows === 0, failingRows, examples, message: `column "${e.column}" ${what}: ${found}` };
}

function failedSetup(e: Expectation & { column: string }, message: string): ExpectationResult {
  return { expectation: e, column: e.column, passed: false, failingRows: 0, examples: [], message };
}

/** A range bound as a number: ISO strings are read as dates; an absent bound is ±∞. */
function boundValue(column: Column, bound: number | string | undefined, side: "min" | "max"): number {
  if (bound === undefined) return side === "min" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (typeof bound === "number") return bound;
  const ms = parseIsoDate(bound);
  if (Number.isNaN(ms) || column.type !== "date") {
    throw new Error(`Range ${side} "${bound}" for column "${column.name}" must be a number${column.type === "date" ? " or an ISO date" : ""}.`);
  }
  return ms;
}

function describeBounds(min: number | string | undefined, max: number | string | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return "unbounded";
}

function describeExample(example: FailingExample): string {
  return `row ${example.row + 1}: ${example.value === null ? "missing" : JSON.stringify(example.value)}`;
}

/** "2 of 5 expectations failed: …; …" — or "All 5 expectations passed." */
export function summarizeValidation(report: ValidationReport): string {
  const failed = report.results.filter((r) => !r.passed);
  const total = report.results.length;
  if (failed.length === 0) return `All ${total} expectation${total === 1 ? "" : "s"} passed.`;
  return `${failed.length} of ${total} expectation${total === 1 ? "" : "s"} failed: ${failed.map((r) => r.message).join("; ")}.`;
}

/** validateTable, throwing an Error with the summary when anything fails. */
export function assertValid(table: Table, expectations: readonly Expectation[]): ValidationReport {
  const report = validateTable(table, expectations);
  if (!report.passed) throw new Error(summarizeValidation(report));
  return report;
}
