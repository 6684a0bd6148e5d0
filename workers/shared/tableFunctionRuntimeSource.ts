/** The file name user code runs under in both sandboxes, so stack traces can be read for its line. */
export const USER_CODE_FILE = "custom-code.js";

/** Lines the wrapper puts before the user's code (see tableFunctionScript). */
const HEADER_LINES = 1;

/**
 * The script that defines and calls a user's table function in a sandbox, once the
 * runtime below is installed there and the input JSON is in the global `__vajraInput`.
 * It evaluates to a promise of the outcome JSON. The code runs inside an async function
 * so a cell's TypeScript or top-level `await` compiles as it did in the notebook.
 * `functionName` must already be checked against FUNCTION_NAME_PATTERN.
 */
export function tableFunctionScript(code: string, functionName: string): string {
  return (
    `__vajraTableFunction(async () => {\n${code}\n;return typeof ${functionName} === "undefined" ? undefined : ${functionName};\n}, ` +
    `${JSON.stringify(functionName)}, __vajraInput)`
  );
}

/**
 * Runs inside both sandboxes (the browser's opaque-origin worker and the server's vm
 * context), so it is plain JavaScript with no host APIs: it installs a global
 * `__vajraTableFunction(define, name, inputJson)` that builds the notebook-shaped table
 * the function receives, calls it, checks and flattens what it returns, and resolves
 * to the outcome as a JSON string (see tableFunctionOutcome.ts). It never rejects.
 */
export const TABLE_FUNCTION_RUNTIME_SOURCE = String.raw`(() => {
  "use strict";
  const HEADER_LINES = ${HEADER_LINES};
  const FILE = /${USER_CODE_FILE.replace(".", "\\.")}:(\d+)/;
  class ResultError extends Error {}
  const describe = (error) => {
    try { return String(error && error.message !== undefined ? error.message : error); } catch { return "unknown error"; }
  };
  const lineOf = (error) => {
    try {
      const match = FILE.exec(String(error && error.stack));
      return match ? Number(match[1]) - HEADER_LINES : null;
    } catch { return null; }
  };
  const kindOf = (value) => {
    if (value === null) return "null";
    if (value === undefined) return "undefined";
    if (Array.isArray(value)) return "an array";
    const type = typeof value;
    return (type === "object" ? "an " : "a ") + type;
  };
  const listed = (names) => (names.length > 8 ? names.slice(0, 8).join(", ") + ", …" : names.join(", ")) || "(none)";

  const makeTable = (names, columns, rowCount) => {
    const rowAt = (r) => {
      const row = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
      return row;
    };
    return Object.freeze({
      rowCount,
      get columnNames() { return names.slice(); },
      column(name) {
        const c = names.indexOf(name);
        if (c < 0) throw new Error('No column "' + name + '". Columns: ' + names.join(", ") + ".");
        return columns[c].slice();
      },
      rows() { return Array.from({ length: rowCount }, (_, r) => rowAt(r)); },
      head(n = 5) { return Array.from({ length: Math.max(0, Math.min(rowCount, n)) }, (_, r) => rowAt(r)); },
    });
  };

  const cell = (value, where) => {
    if (value === null || value === undefined) return null;
    if (typeof value === "number") {
      if (Number.isNaN(value)) return null;
      if (!Number.isFinite(value)) throw new ResultError("returned " + value + " in " + where + "; numbers must be finite");
      return value;
    }
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    throw new ResultError("returned " + kindOf(value) + " in " + where + "; cells must be strings, numbers, booleans or null");
  };

  const fromRows = (rows) => {
    if (rows.length === 0) return { names: [], columns: [], rowCount: 0 };
    const check = (row, r) => {
      if (typeof row !== "object" || row === null || Array.isArray(row)) {
        throw new ResultError("returned " + kindOf(row) + " as row " + r + "; each row must be an object of column values");
      }
    };
    check(rows[0], 0);
    const names = Object.keys(rows[0]);
    const known = new Set(names);
    const columns = names.map(() => new Array(rows.length));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      check(row, r);
      const keys = Object.keys(row);
      if (keys.length !== names.length || keys.some((key) => !known.has(key))) {
        throw new ResultError("returned rows with different columns: row 0 has " + listed(names) + " but row " + r + " has " + listed(keys));
      }
      for (let c = 0; c < names.length; c++) columns[c][r] = cell(row[names[c]], "row " + r + ', column "' + names[c] + '"');
    }
    return { names, columns, rowCount: rows.length };
  };

  const fromTableLike = (table) => {
    const names = Array.from(table.columnNames, (name) => String(name));
    if (new Set(names).size !== names.length) throw new ResultError("returned a table with a repeated column name: " + listed(names));
    const columns = names.map((name) => Array.from(table.column(name)));
    const rowCount = typeof table.rowCount === "number" ? table.rowCount : columns.length > 0 ? columns[0].length : 0;
    return {
      names,
      columns: columns.map((values, c) => {
        if (values.length !== rowCount) {
          throw new ResultError('returned a table whose column "' + names[c] + '" has ' + values.length + " values for " + rowCount + " rows");
        }
        return values.map((value, r) => cell(value, "row " + r + ', column "' + names[c] + '"'));
      }),
      rowCount,
    };
  };

  const flatten = (value) => {
    if (Array.isArray(value)) return fromRows(value);
    if (typeof value === "object" && value !== null) {
      if (Array.isArray(value.columnNames) && typeof value.column === "function") return fromTableLike(value);
      if (typeof value.rows === "function") {
        const rows = value.rows();
        if (!Array.isArray(rows)) throw new ResultError("returned an object whose rows() gave " + kindOf(rows) + ", not an array of rows");
        return fromRows(rows);
      }
    }
    throw new ResultError("returned " + kindOf(value) + "; it must return a table (like the one it was given) or an array of row objects");
  };

  const failure = (reason, message, line) => JSON.stringify({ ok: false, reason, message, line: line === undefined ? null : line });

  globalThis.__vajraTableFunction = async (define, name, inputJson) => {
    delete globalThis.__vajraInput;
    let fn;
    try { fn = await define(); } catch (error) { return failure("define", describe(error), lineOf(error)); }
    if (fn === undefined) return failure("missing", "");
    if (typeof fn !== "function") return failure("not-function", kindOf(fn));
    const input = JSON.parse(inputJson);
    let value;
    try { value = await fn(makeTable(input.names, input.columns, input.rowCount)); } catch (error) {
      return failure("throw", describe(error), lineOf(error));
    }
    try {
      return JSON.stringify({ ok: true, table: flatten(value) });
    } catch (error) {
      return error instanceof ResultError ? failure("result", error.message) : failure("throw", describe(error), lineOf(error));
    }
  };
})();
`;
