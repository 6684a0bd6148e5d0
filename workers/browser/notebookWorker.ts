/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { expose } from "comlink";
import { z } from "zod";
import { cellKindSchema, MAX_TEXT, type CellOutput } from "@/contracts/notebookCells";
import { preferSingleThreadedWasm } from "@/pipeline/ml/tf/select-backend";
import { BackendChoice } from "./backendChoice";
import { createDisplay, displayResult, formatValue } from "./notebookDisplay";
import { isRefusedLoad, OtherOriginError, watchBlockedLoads, type BlockedLoad } from "./notebookBlockedLoads";
import { closeOtherNetworkApis, guardedFetch } from "./notebookFetchGuard";
import { topLevelNames } from "./notebookScope";
import { javaScriptSyntaxErrorLine, returnLastExpression } from "./notebookLastExpression";
import { CellSyntaxError, transpileCell } from "./notebookTypeScript";
import { createVajraApi } from "./notebookVajra";
import { browserBackendSchema, TFJS_WASM_PATHS, type BrowserBackend } from "./tfjsAssets";

/**
 * One notebook session: cells run here, never on the page thread, sharing this worker's
 * global scope (variables persist from cell to cell). Restart and interrupt terminate the
 * worker; the page starts a new one.
 */
setWasmPaths(TFJS_WASM_PATHS);
preferSingleThreadedWasm();

// Captured before cell code can see the scope; only the worker's own requests use it.
const fetchOwn = fetch.bind(self);
const scope = self as unknown as Record<string, unknown>;
const CELL_SCRIPT = /^vajra-cell-\d+\.js$/;
const blockedLoads = watchBlockedLoads(self, (sourceFile) => CELL_SCRIPT.test(sourceFile));

const startSchema = z.object({
  projectId: z.string().min(1),
  /** The backend to compute on (the user's pin or the last measured fastest); null measures them first. */
  backend: browserBackendSchema.nullable(),
});
const runSchema = z.object({ cellId: z.string().min(1), kind: cellKindSchema.exclude(["markdown"]), source: z.string() });
export type NotebookRunRequest = z.infer<typeof runSchema>;
export interface NotebookRunResult {
  outputs: CellOutput[];
  /** Every variable cells of this session have defined so far (what an interrupt or restart loses). */
  variables: string[];
}

export interface NotebookBackend {
  /** The TF.js backend cells compute on; null if none could start (TF.js then picks its default). */
  active: BrowserBackend | null;
  /** Whether this session measured the backends (nothing was remembered), and so `active` is the fastest here. */
  measured: boolean;
  /** Why the asked-for backend could not start, if it could not. */
  error: string | null;
}

/** Set by each cell's prologue: copies the cell's top-level declarations to the global scope. */
let exportDeclarations: (() => void) | null = null;
let cellCount = 0;
/** Names cells have put in the global scope, in the order first defined. */
const defined = new Set<string>();
const backends = new BackendChoice();
/** Cells wait for the backend so none computes on TF.js's default while the chosen one starts. */
let backendReady: Promise<NotebookBackend> = Promise.resolve({ active: null, measured: false, error: null });

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

/** Starts the asked-for backend, or measures all and takes the fastest; a pin that cannot start falls back to measuring. */
async function startBackend(backend: BrowserBackend | null): Promise<NotebookBackend> {
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
  if (backend !== null) {
    try {
      return { active: (await backends.setOverride(backend)).active, measured: false, error: null };
    } catch (e) {
      const error = `The ${backend} backend could not start (${message(e)}), so the backends were measured again.`;
      return backends.probe().then(
        (report) => ({ active: report.active, measured: true, error }),
        (probeError: unknown) => ({ active: null, measured: false, error: `${error} ${message(probeError)}` }),
      );
    }
  }
  return backends.probe().then(
    (report) => ({ active: report.active, measured: true, error: null }),
    (e: unknown) => ({ active: null, measured: false, error: message(e) }),
  );
}

/** Wraps a cell so it can `await` at top level; the prologue shares line 1 so error lines match the cell's. */
function wrap(code: string, sourceUrl: string, names: string[]): string {
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
  /** Sets the session up; resolves once cells can compute, saying on which backend. */
  start(options: { projectId: string; backend: BrowserBackend | null }): Promise<NotebookBackend> {
    const { projectId, backend } = startSchema.parse(options);
    install(projectId);
    backendReady = startBackend(backend);
    return backendReady;
  },

  async run(request: NotebookRunRequest): Promise<NotebookRunResult> {
    const { kind, source } = runSchema.parse(request);
    await backendReady;
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
        compiled = (0, eval)(wrap(code, sourceUrl, [])) as () => Promise<unknown>;
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw new CellSyntaxError(error.message, kind === "javascript" ? javaScriptSyntaxErrorLine(source) : null);
      }
      // Only code the engine accepted is rewritten, so the rewrite never changes what a syntax error says.
      const names = topLevelNames(code);
      const returning = returnLastExpression(code);
      compiled = (0, eval)(wrap(returning, sourceUrl, names)) as () => Promise<unknown>;
      exportDeclarations = null;
      let value: unknown;
      try {
        value = await compiled();
      } finally {
        flushDeclarations();
        for (const name of names) if (name in scope) defined.add(name);
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
    return { outputs, variables: [...defined] };
  },
};

export type NotebookWorkerApi = typeof api;

expose(api);
