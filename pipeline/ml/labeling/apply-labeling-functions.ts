import { displayValue } from "../table/cell-text";
import { parseParams } from "../table/parse-params";
import { getColumn, isMissing, isNumeric, type Table } from "../table/table";
import type { ExpressionSandbox, RowObject } from "./expression-sandbox";
import { keywordMatcher } from "./keyword-matcher";
import { ABSTAIN, type LabelMatrix } from "./label-matrix";
import { labelingFunctionsSchema, type LabelingFunction, type LabelingFunctionInput } from "./labeling-function";
import { tableToRowObjects } from "./row-objects";

export interface ApplyOptions {
  classes: readonly string[];
  /** Needed only when an expression function is in the list. */
  sandbox?: ExpressionSandbox;
  timeoutMs?: number;
  /** Stops sandboxed functions when the run is cancelled. */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Runs every labeling function on every row of the table and collects their votes. */
export async function applyLabelingFunctions(table: Table, functionsInput: readonly LabelingFunctionInput[], options: ApplyOptions): Promise<LabelMatrix> {
  const functions = parseParams(labelingFunctionsSchema, functionsInput, "labeling functions");
  const classes = [...options.classes];
  if (classes.length < 2) throw new Error("Labeling functions need at least 2 classes");
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const m = functions.length;
  const n = table.rowCount;
  const votes = new Int32Array(n * m).fill(ABSTAIN);

  const expressions = functions.flatMap((f, j) => (f.kind === "expression" ? [{ j, name: f.name, expression: f.expression }] : []));
  const regexes = options.sandbox ? functions.flatMap((f, j) => (f.kind === "regex" ? [{ j, name: f.name, expression: regexExpression(f) }] : [])) : [];
  functions.forEach((f, j) => {
    if (f.kind === "expression") return;
    const k = classIndex.get(f.label);
    if (k === undefined) throw new Error(`Labeling function "${f.name}" votes for "${f.label}", which is not one of the classes: ${classes.join(", ")}`);
    if (regexes.some((regex) => regex.j === j)) return;
    const fires = rowPredicate(table, f);
    for (let r = 0; r < n; r++) if (fires(r)) votes[r * m + j] = k;
  });

  const voteInSandbox = async (chosen: { j: number; name: string; expression: string }[], rows: () => RowObject[]) => {
    if (chosen.length === 0) return;
    if (!options.sandbox) throw new Error(`Labeling function "${chosen[0]!.name}" is an expression, but this runtime has no expression sandbox`);
    const results = await options.sandbox.evaluate(chosen, rows(), {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    chosen.forEach(({ j, name }, e) => {
      const outputs = results[e]!;
      for (let r = 0; r < n; r++) {
        const value = outputs[r];
        if (value === null || value === undefined) continue;
        const k = classIndex.get(value);
        if (k === undefined) {
          throw new Error(
            `Labeling function "${name}" returned "${value.length > 100 ? `${value.slice(0, 100)}…` : value}" on row ${r}, which is not one of the classes: ${classes.join(", ")}`,
          );
        }
        votes[r * m + j] = k;
      }
    });
  };
  await voteInSandbox(expressions, () => tableToRowObjects(table));
  // A user's regex can backtrack for hours; with a sandbox it runs there, under the time limit.
  await voteInSandbox(regexes, () => displayRows(table, functions));
  return { labelingFunctions: functions.map((f) => f.name), classes, votes, rowCount: n };
}

type RegexFunction = Extract<LabelingFunction, { kind: "regex" }>;

/** A regex function as a sandbox expression over display text, with its RegExp built once (so `g` keeps its lastIndex as natively). */
function regexExpression(f: RegexFunction): string {
  const cached = `globalThis[${JSON.stringify(`__regex ${f.name}`)}]`;
  const value = `row[${JSON.stringify(f.column)}]`;
  return `(${cached} ??= new RegExp(${JSON.stringify(f.pattern)}, ${JSON.stringify(f.flags)})), ${value} !== null && ${cached}.test(${value}) ? ${JSON.stringify(f.label)} : null`;
}

/** Rows holding the cells regex functions read, as the text they match natively (displayValue), missing as null. */
function displayRows(table: Table, functions: readonly LabelingFunction[]): RowObject[] {
  const columns = [...new Set(functions.flatMap((f) => (f.kind === "regex" ? [f.column] : [])))].map((name) => getColumn(table, name));
  return Array.from({ length: table.rowCount }, (_, r) => Object.fromEntries(columns.map((c) => [c.name, isMissing(c, r) ? null : displayValue(c, r)])));
}

function rowPredicate(table: Table, f: Exclude<LabelingFunction, { kind: "expression" }>): (row: number) => boolean {
  const column = getColumn(table, f.column);
  switch (f.kind) {
    case "keywords": {
      const matches = keywordMatcher(f.keywords, f.match);
      return (r) => !isMissing(column, r) && matches(displayValue(column, r));
    }
    case "regex": {
      const pattern = new RegExp(f.pattern, f.flags);
      return (r) => !isMissing(column, r) && pattern.test(displayValue(column, r));
    }
    case "threshold": {
      if (!isNumeric(column)) throw new Error(`Labeling function "${f.name}" compares column "${f.column}", which is ${column.type}, not numeric`);
      const values = column.values;
      const compare = COMPARISONS[f.op];
      return (r) => !Number.isNaN(values[r]!) && compare(values[r]!, f.value);
    }
  }
}

const COMPARISONS: Record<Extract<LabelingFunction, { kind: "threshold" }>["op"], (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
};
