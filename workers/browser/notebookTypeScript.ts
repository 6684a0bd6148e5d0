import { z } from "zod";

/** Where the app serves the TypeScript compiler (app/api/notebook/typescript): loaded only when a TypeScript cell runs. */
const COMPILER_URL = "/api/notebook/typescript";

interface Diagnostic {
  start?: number;
  messageText: string | { messageText: string };
}

interface TypeScriptApi {
  transpileModule(
    source: string,
    options: { compilerOptions: Record<string, unknown>; fileName: string; reportDiagnostics: boolean },
  ): { outputText: string; sourceMapText?: string; diagnostics?: Diagnostic[] };
  ScriptTarget: { ES2022: number };
  ModuleKind: { ESNext: number };
}

const compilerModule = z.object({ transpileModule: z.function(), ScriptTarget: z.object({ ES2022: z.number() }), ModuleKind: z.object({ ESNext: z.number() }) });

let compiler: Promise<TypeScriptApi> | undefined;

/** typescript.js is a CommonJS bundle; it is evaluated with its own `module` object rather than bundled into the app. */
function loadCompiler(fetchOwn: typeof fetch): Promise<TypeScriptApi> {
  compiler ??= fetchOwn(COMPILER_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`The TypeScript compiler could not be loaded (HTTP ${response.status}).`);
      return response.text();
    })
    .then((source) => {
      const module: { exports: unknown } = { exports: {} };
      new Function("module", "exports", source)(module, module.exports);
      compilerModule.parse(module.exports);
      return module.exports as TypeScriptApi;
    });
  compiler.catch(() => (compiler = undefined));
  return compiler;
}

export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

export interface Transpiled {
  code: string;
  /** For each line of `code` (0-based), the cell line (1-based) it came from. */
  lines: number[];
}

/** Strips types from a TypeScript cell, mapping output lines back to the cell's lines for error messages. */
export async function transpileCell(source: string, fetchOwn: typeof fetch): Promise<Transpiled> {
  const ts = await loadCompiler(fetchOwn);
  const result = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true, inlineSources: false },
    fileName: "cell.ts",
    reportDiagnostics: true,
  });
  const first = result.diagnostics?.[0];
  if (first) {
    const text = typeof first.messageText === "string" ? first.messageText : first.messageText.messageText;
    throw new CellSyntaxError(text, first.start === undefined ? null : lineAt(source, first.start));
  }
  const code = result.outputText.replace(/\/\/# sourceMappingURL=.*\s*$/, "");
  const mappings = z.object({ mappings: z.string() }).parse(JSON.parse(result.sourceMapText ?? "{}")).mappings;
  return { code, lines: generatedToSourceLines(mappings) };
}

/** Finds a syntax error's line in a JavaScript cell (the engine's own SyntaxError has none for evaluated code). */
export async function syntaxErrorLine(source: string, fetchOwn: typeof fetch): Promise<number | null> {
  const ts = await loadCompiler(fetchOwn);
  const result = ts.transpileModule(source, { compilerOptions: {}, fileName: "cell.js", reportDiagnostics: true });
  const start = result.diagnostics?.[0]?.start;
  return start === undefined ? null : lineAt(source, start);
}

function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split("\n").length;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes a source map's `mappings` just far enough to know each generated line's first source line. */
function generatedToSourceLines(mappings: string): number[] {
  const lines: number[] = [];
  let sourceLine = 0;
  let last = 0;
  for (const line of mappings.split(";")) {
    let first: number | null = null;
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      const fields = decodeVlq(segment);
      if (fields.length >= 4) {
        sourceLine += fields[2]!;
        first ??= sourceLine;
      }
    }
    last = first ?? last;
    lines.push(last + 1);
  }
  return lines;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
