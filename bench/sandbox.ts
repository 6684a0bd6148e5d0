/**
 * What the user-code boundary costs: the server's ProcessSandbox (QuickJS in WebAssembly, in its
 * own locked-down process) against the same code in V8 with no boundary (a node:vm context in this
 * process, as the server ran it before; node:vm is not a security boundary).
 *   1. fine_foods labeling functions (4,000 reviews) written as expressions, vs the built-in
 *      kinds (keywords run natively, the two regex functions in one sandbox call);
 *   2. a Custom code node over a 100,000-row table.
 * Run: npx tsx bench/sandbox.ts
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { applyLabelingFunctions } from "../pipeline/ml/labeling/apply-labeling-functions";
import { FINE_FOODS_CLASSES, FINE_FOODS_LABELING_FUNCTIONS } from "../pipeline/testing/fineFoodsFunctions";
import type { LabelingFunctionInput } from "../pipeline/ml/labeling/labeling-function";
import type { CellColumns } from "../pipeline/ml/table/cell-values";
import { readCsv } from "../pipeline/ml/table/read-csv";
import { ProcessSandbox } from "../workers/node/processSandbox";
import { TABLE_FUNCTION_RUNTIME_SOURCE, tableFunctionScript } from "../workers/shared/tableFunctionRuntimeSource";

const REPEATS = 3;
const sandbox = new ProcessSandbox();

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The same rule as a JavaScript expression over `row`, as a user would write it. */
function asExpression(f: LabelingFunctionInput): LabelingFunctionInput {
  if (f.kind === "keywords") {
    const pattern = `\\b(${f.keywords.map(escapeRegex).join("|")})\\b`;
    return { name: f.name, kind: "expression", expression: `/${pattern}/i.test(row.review ?? "") ? ${JSON.stringify(f.label)} : null` };
  }
  if (f.kind === "regex") {
    return { name: f.name, kind: "expression", expression: `/${f.pattern}/${f.flags ?? ""}.test(row.review ?? "") ? ${JSON.stringify(f.label)} : null` };
  }
  return f;
}

/** The boundary-less reference: the expressions in a node:vm context of this process. */
function evaluateInProcess(functions: LabelingFunctionInput[], rows: Record<string, unknown>[]): (string | null)[][] {
  const context = vm.createContext({ rows });
  return functions.map((f) => (f.kind === "expression" ? vm.runInContext(`rows.map((row) => (${f.expression}) ?? null)`, context) : []));
}

async function labelingFunctions(): Promise<void> {
  const table = readCsv(readFileSync(new URL("../public/datasets/fine_foods_train.csv", import.meta.url)));
  const expressions = FINE_FOODS_LABELING_FUNCTIONS.map(asExpression);
  const options = { classes: FINE_FOODS_CLASSES, sandbox };
  const builtIn = await median(() => applyLabelingFunctions(table, FINE_FOODS_LABELING_FUNCTIONS, options));
  const sandboxed = await median(() => applyLabelingFunctions(table, expressions, options));
  const review = table.columns.find((c) => c.name === "review")!;
  const rows = Array.from({ length: table.rowCount }, (_, r) => ({ review: review.type === "text" ? review.values[r] : null }));
  const inProcess = await median(async () => evaluateInProcess(expressions, rows));
  const votes = (await applyLabelingFunctions(table, expressions, options)).votes;
  const reference = evaluateInProcess(expressions, rows);
  let agree = 0;
  reference.forEach((column, f) =>
    column.forEach((value, r) => (agree += (value === null ? -1 : FINE_FOODS_CLASSES.indexOf(value)) === votes[r * expressions.length + f] ? 1 : 0)),
  );
  console.log(`1. fine_foods_train: ${table.rowCount} reviews × ${expressions.length} labeling functions (median of ${REPEATS})`);
  console.log(`   built-in keyword kinds; regex in the sandbox${builtIn.toFixed(0).padStart(6)} ms`);
  console.log(`   as expressions, V8 node:vm in this process  ${inProcess.toFixed(0).padStart(6)} ms   (no boundary: the reference)`);
  console.log(`   as expressions, ProcessSandbox (QuickJS)    ${sandboxed.toFixed(0).padStart(6)} ms   ${(sandboxed / inProcess).toFixed(1)}× the reference`);
  console.log(`   votes equal to the reference: ${agree} / ${reference.length * table.rowCount}`);
}

async function customCode(): Promise<void> {
  const rowCount = 100_000;
  const table: CellColumns = {
    names: ["id", "x", "y", "group", "note"],
    columns: [
      Array.from({ length: rowCount }, (_, r) => r),
      Array.from({ length: rowCount }, (_, r) => ((r * 7919) % 1000) / 1000),
      Array.from({ length: rowCount }, (_, r) => ((r * 104729) % 997) / 10),
      Array.from({ length: rowCount }, (_, r) => ["a", "b", "c"][r % 3]!),
      Array.from({ length: rowCount }, (_, r) => (r % 10 === 0 ? null : `note ${r}`)),
    ],
    rowCount,
  };
  const code =
    "function derive(t) { return t.rows().filter((r) => r.x > 0.25).map((r) => ({ ...r, ratio: r.x / (r.y + 1), tag: r.group + ':' + (r.note ?? '-') })); }";
  const call = { code, language: "javascript" as const, functionName: "derive", table };
  const sandboxed = await median(() => sandbox.callTableFunction(call, { timeoutMs: 120_000 }));
  const inProcess = await median(async () => {
    const context = vm.createContext({});
    vm.runInContext(TABLE_FUNCTION_RUNTIME_SOURCE, context);
    context.__vajraInput = JSON.stringify(table);
    return vm.runInContext(tableFunctionScript(code, "derive"), context);
  });
  const result = await sandbox.callTableFunction(call, { timeoutMs: 120_000 });
  console.log(
    `\n2. Custom code over ${rowCount.toLocaleString("en")} rows × ${table.names.length} columns → ${result.rowCount.toLocaleString("en")} rows × ${result.names.length} (median of ${REPEATS})`,
  );
  console.log(`   V8 node:vm in this process                  ${inProcess.toFixed(0).padStart(6)} ms   (no boundary: the reference)`);
  console.log(`   ProcessSandbox (QuickJS, own process)       ${sandboxed.toFixed(0).padStart(6)} ms   ${(sandboxed / inProcess).toFixed(1)}× the reference`);
  const started = performance.now();
  await sandbox.callTableFunction(
    { ...call, table: { names: ["id"], columns: [[1]], rowCount: 1 }, code: "function derive(t) { return t; }" },
    { timeoutMs: 10_000 },
  );
  console.log(`   fixed cost of one sandbox (start a process, load QuickJS, one-row call): ${(performance.now() - started).toFixed(0)} ms`);
}

await labelingFunctions();
await customCode();
