import { parse, type Options } from "acorn";

/**
 * How a cell is parsed: as the body of an async function (what the worker wraps it in), so
 * top-level `await` and `return` are allowed. acorn (≈100 kB) rather than the TypeScript
 * compiler (9 MB), so a JavaScript-only notebook never downloads the compiler.
 */
const CELL_OPTIONS: Options = {
  ecmaVersion: "latest",
  sourceType: "script",
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
  locations: true,
};

/**
 * Jupyter shows the value of a cell's last expression. Cells run as the body of an async
 * function, so that value is made the function's result: when the last top-level statement
 * is an expression statement, it becomes `return (<expression>);`. Everything else (and the
 * line of every character) stays as written, so error lines still match the cell's.
 *
 * An assignment (`x = 1`) is a statement to a reader, as in Jupyter's Python, and shows nothing.
 * `code` must be JavaScript (TypeScript cells are transpiled first) that the engine has already
 * accepted; should the parser still refuse it, the cell runs unchanged.
 */
export function returnLastExpression(code: string): string {
  let program;
  try {
    program = parse(code, CELL_OPTIONS);
  } catch {
    return code;
  }
  const last = program.body[program.body.length - 1];
  if (!last || last.type !== "ExpressionStatement" || last.expression.type === "AssignmentExpression") return code;
  // A directive ("use strict") is an expression statement whose value nobody wants shown.
  if ("directive" in last && typeof last.directive === "string") return code;
  const { expression } = last;
  return `${code.slice(0, last.start)}return (${code.slice(expression.start, expression.end)});${code.slice(last.end)}`;
}

/** The line of a JavaScript cell's first syntax error (the engine's own SyntaxError has none for evaluated code). */
export function javaScriptSyntaxErrorLine(code: string): number | null {
  try {
    parse(code, CELL_OPTIONS);
    return null;
  } catch (error) {
    const loc = (error as { loc?: { line?: unknown } }).loc;
    return typeof loc?.line === "number" ? loc.line : null;
  }
}
