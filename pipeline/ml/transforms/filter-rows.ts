import { getColumn, type Table } from "../table/table";
import { takeRows } from "../table/take-rows";
import { parseIsoDate } from "../table/values";
import { parseExpression, type CompareOp, type Expr, type Operand } from "./expression";

type RowTest = (row: number) => boolean;

/** A side of a comparison: numbers (NaN = missing) or strings (null = missing). */
type Bound =
  | { kind: "num"; get: (row: number) => number; label: string; source: "column" | "number" | "boolean"; type?: string }
  | { kind: "str"; get: (row: number) => string | null; label: string; source: "column" | "string" };

function bind(operand: Operand, table: Table): Bound {
  if (operand.kind === "number") return { kind: "num", get: () => operand.value, label: String(operand.value), source: "number" };
  if (operand.kind === "boolean") return { kind: "num", get: () => (operand.value ? 1 : 0), label: String(operand.value), source: "boolean" };
  if (operand.kind === "string") return { kind: "str", get: () => operand.value, label: JSON.stringify(operand.value), source: "string" };
  const column = getColumn(table, operand.name);
  const label = `column "${column.name}" (${column.type})`;
  switch (column.type) {
    case "category":
      return { kind: "str", get: (r) => (column.codes[r]! < 0 ? null : column.levels[column.codes[r]!]!), label, source: "column" };
    case "text":
      return { kind: "str", get: (r) => column.values[r]!, label, source: "column" };
    default:
      return { kind: "num", get: (r) => column.values[r]!, label, source: "column", type: column.type };
  }
}

function numericTest(op: CompareOp, a: (r: number) => number, b: (r: number) => number): RowTest {
  // NaN compares false with everything, so `!=` needs an explicit presence check.
  switch (op) {
    case "==":
      return (r) => a(r) === b(r);
    case "!=":
      return (r) => {
        const x = a(r);
        const y = b(r);
        return !Number.isNaN(x) && !Number.isNaN(y) && x !== y;
      };
    case "<":
      return (r) => a(r) < b(r);
    case "<=":
      return (r) => a(r) <= b(r);
    case ">":
      return (r) => a(r) > b(r);
    case ">=":
      return (r) => a(r) >= b(r);
  }
}

function stringTest(op: CompareOp, a: (r: number) => string | null, b: (r: number) => string | null): RowTest {
  return (r) => {
    const x = a(r);
    const y = b(r);
    if (x === null || y === null) return false;
    switch (op) {
      case "==":
        return x === y;
      case "!=":
        return x !== y;
      case "<":
        return x < y;
      case "<=":
        return x <= y;
      case ">":
        return x > y;
      case ">=":
        return x >= y;
    }
  };
}

function compare(op: CompareOp, left: Bound, right: Bound): RowTest {
  const mismatch = (): Error => new Error(`Filter expression: cannot compare ${left.label} with ${right.label}.`);
  if (left.kind === "num" && right.kind === "num") {
    const isBool = (b: Bound): boolean => b.kind === "num" && (b.source === "boolean" || b.type === "boolean");
    if ((left.source === "boolean" || right.source === "boolean") && !(isBool(left) && isBool(right))) throw mismatch();
    return numericTest(op, left.get, right.get);
  }
  if (left.kind === "str" && right.kind === "str") return stringTest(op, left.get, right.get);
  // Mixed: a date column against an ISO date string, or text against a number (equality only).
  const [num, str, flipped] = left.kind === "num" ? [left, right as Bound & { kind: "str" }, false] : [right as Bound & { kind: "num" }, left, true];
  if (num.type === "date" && str.source === "string") {
    const ms = parseIsoDate(str.get(0) ?? "");
    if (Number.isNaN(ms)) throw new Error(`Filter expression: ${str.label} is not an ISO date to compare with ${num.label}.`);
    return flipped ? numericTest(op, () => ms, num.get) : numericTest(op, num.get, () => ms);
  }
  if (num.source === "number" && str.source === "column" && (op === "==" || op === "!=")) {
    const text = String(num.get(0));
    return stringTest(op, str.get, () => text);
  }
  throw mismatch();
}

/**
 * Binds a parsed expression to a table: checks every column exists and every
 * comparison makes sense for the columns' types, then returns a row predicate.
 */
export function compileFilter(expr: Expr, table: Table): RowTest {
  switch (expr.kind) {
    case "and": {
      const a = compileFilter(expr.left, table);
      const b = compileFilter(expr.right, table);
      return (r) => a(r) && b(r);
    }
    case "or": {
      const a = compileFilter(expr.left, table);
      const b = compileFilter(expr.right, table);
      return (r) => a(r) || b(r);
    }
    case "not": {
      const a = compileFilter(expr.operand, table);
      return (r) => !a(r);
    }
    case "compare":
      return compare(expr.op, bind(expr.left, table), bind(expr.right, table));
    case "missing": {
      const bound = bind(expr.operand, table);
      const missing: RowTest = bound.kind === "num" ? (r) => Number.isNaN(bound.get(r)) : (r) => bound.get(r) === null;
      return expr.negated ? (r) => !missing(r) : missing;
    }
    case "in": {
      const bound = bind(expr.operand, table);
      const tests = expr.list.map((literal) => compare("==", bound, bind(literal, table)));
      const present: RowTest = bound.kind === "num" ? (r) => !Number.isNaN(bound.get(r)) : (r) => bound.get(r) !== null;
      const member: RowTest = (r) => tests.some((test) => test(r));
      return expr.negated ? (r) => present(r) && !member(r) : member;
    }
    case "truthy": {
      const bound = bind(expr.operand, table);
      const isBoolean = bound.kind === "num" && (bound.source === "boolean" || bound.type === "boolean");
      if (!isBoolean) {
        throw new Error(`Filter expression: ${bound.label} is not true/false on its own; compare it with something.`);
      }
      return (r) => bound.get(r) === 1;
    }
  }
}

/** Rows for which `expression` (see expression.ts for the language) is true, in order. */
export function filterRows(table: Table, expression: string): Table {
  const test = compileFilter(parseExpression(expression), table);
  const keep: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (test(r)) keep.push(r);
  return takeRows(table, keep);
}
