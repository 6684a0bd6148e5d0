/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { expose } from "comlink";
import { z } from "zod";
import { cellKindSchema, MAX_TEXT, type CellOutput } from "@/contracts/notebookCells";
import { createDisplay, displayResult, formatValue } from "./notebookDisplay";
import { isRefusedLoad, OtherOriginError, watchBlockedLoads, type BlockedLoad } from "./notebookBlockedLoads";
import { closeOtherNetworkApis, guardedFetch } from "./notebookFetchGuard";
import { topLevelNames } from "./notebookScope";
import { CellSyntaxError, preloadCompiler, returningLastExpression, syntaxErrorLine, transpileCell } from "./notebookTypeScript";
import { createVajraApi } from "./notebookVajra";
import { TFJS_WASM_PATHS } from "./tfjsAssets";

/**
 * One notebook session: cells run here, never on the page thread, sharing this worker's
 * global scope (variables persist from cell to cell). Restart and interrupt terminate the
 * worker; the page starts a new one.
 */
setWasmPaths(TFJS_WASM_PATHS);

// Captured before cell code can see the scope; only the worker's own requests use it.
const fetchOwn = fetch.bind(self);
const scope = self as unknown as Record<string, unknown>;
const CELL_SCRIPT = /^vajra-cell-\d+\.js$/;
const blockedLoads = watchBlockedLoads(self, (sourceFile) => CELL_SCRIPT.test(sourceFile));

const startSchema = z.object({ projectId: z.string().min(1) });
const runSchema = z.object({ cellId: z.string().min(1), kind: cellKindSchema.exclude(["markdown"]), source: z.string() });
export type NotebookRunRequest = z.infer<typeof runSchema>;
export interface NotebookRunResult {
  outputs: CellOutput[];
}

/** Set by each cell's prologue: copies the cell's top-level declarations to the global scope. */
let exportDeclarations: (() => void) | null = null;
let cellCount = 0;

/** A function, not inline: the prologue sets `exportDeclarations` while the cell runs, which control flow analysis cannot see. */
function flushDeclarations(): void {
  exportDeclarations?.();
  exportDeclarations = null;
}

function install(projectId: string): void {
  scope["tf"] = tf;
  scope["vajra"] = createVajraApi(projectId, fetchOwn);
  scope["__vajraExports"] = (fn: () => void) => {
    exportDeclarations = fn;
  };
  scope["fetch"] = guardedFetch(fetchOwn, self.location.origin);
  closeOtherNetworkApis(scope);
}

/** Wraps a cell so it can `await` at top level; the prologue shares line 1 so error lines match the cell's. */
function wrap(code: string, sourceUrl: string): string {
  const names = topLevelNames(code);
  const exporter = names.map((n) => `try { globalThis[${JSON.stringify(n)}] = ${n}; } catch {}`).join(" ");
  return `(async () => { __vajraExports(() => { ${exporter} }); ${code}\n})\n//# sourceURL=${sourceUrl}`;
}

/** Maps a line of the evaluated script to the cell's line (they differ only for TypeScript). */
function cellLine(line: number, lines: number[] | null): number | null {
  return lines ? (lines[line - 1] ?? null) : line;
}

function errorLine(error: unknown, sourceUrl: string, lines: number[] | null): number | null {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const match = new RegExp(`${sourceUrl}:(\\d+):\\d+`).exec(stack);
  return match ? cellLine(Number(match[1]), lines) : null;
}

function errorOutput(error: unknown, sourceUrl: string, lines: number[] | null): CellOutput {
  const line = error instanceof CellSyntaxError ? error.line : errorLine(error, sourceUrl, lines);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `Uncaught ${formatValue(error)}`;
  return { type: "error", message: message.slice(0, MAX_TEXT), line };
}

function blockedLoadOutput(blocked: BlockedLoad, lines: number[] | null): CellOutput {
  const error = new OtherOriginError(blocked.url);
  return { type: "error", message: `${error.name}: ${error.message}`.slice(0, MAX_TEXT), line: blocked.line === null ? null : cellLine(blocked.line, lines) };
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const api = {
  start(options: { projectId: string }): void {
    install(startSchema.parse(options).projectId);
    preloadCompiler(fetchOwn);
  },

  async run(request: NotebookRunRequest): Promise<NotebookRunResult> {
    const { kind, source } = runSchema.parse(request);
    const outputs: CellOutput[] = [];
    const display = createDisplay(outputs);
    scope["display"] = display;
    const log = (...values: unknown[]) => display.text(values.map(formatValue).join(" "));
    scope["console"] = { ...console, log, info: log, warn: log, error: log };
    cellCount += 1;
    const sourceUrl = `vajra-cell-${cellCount}.js`;
    let lines: number[] | null = null;
    let failure: { error: unknown } | null = null;
    // Violations left by an earlier cell's late requests are not this cell's.
    blockedLoads.take();
    try {
      let code = source;
      if (kind === "typescript") {
        const transpiled = await transpileCell(source, fetchOwn);
        code = transpiled.code;
        lines = transpiled.lines;
      }
      let compiled: () => Promise<unknown>;
      try {
        // Indirect eval: global scope, not this module's.
        compiled = (0, eval)(wrap(code, sourceUrl)) as () => Promise<unknown>;
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw new CellSyntaxError(error.message, kind === "javascript" ? await syntaxErrorLine(source, fetchOwn) : null);
      }
      // Only code the engine accepted is rewritten, so the rewrite never changes what a syntax error says.
      compiled = (0, eval)(wrap(await returningLastExpression(code, fetchOwn), sourceUrl)) as () => Promise<unknown>;
      exportDeclarations = null;
      let value: unknown;
      try {
        value = await compiled();
      } finally {
        flushDeclarations();
      }
      displayResult(display, value);
    } catch (error) {
      failure = { error };
    }
    await nextTask();
    const blocked = blockedLoads.take();
    // A refused load's own error does not say why; its violation does, with the cell's line.
    if (failure && !isRefusedLoad(failure.error, blocked)) outputs.push(errorOutput(failure.error, sourceUrl, lines));
    outputs.push(...blocked.map((b) => blockedLoadOutput(b, lines)));
    return { outputs };
  },
};

export type NotebookWorkerApi = typeof api;

expose(api);
