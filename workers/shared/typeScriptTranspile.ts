import { z } from "zod";

interface Diagnostic {
  start?: number;
  messageText: string | { messageText: string };
}

/** The slice of the `typescript` package used here, so it can come from node_modules or be fetched by a worker. */
export interface TypeScriptApi {
  transpileModule(
    source: string,
    options: { compilerOptions: Record<string, unknown>; fileName: string; reportDiagnostics: boolean },
  ): { outputText: string; sourceMapText?: string; diagnostics?: Diagnostic[] };
  ScriptTarget: { ES2022: number };
  ModuleKind: { ESNext: number };
}

export const typeScriptModuleSchema = z.object({
  transpileModule: z.function(),
  ScriptTarget: z.object({ ES2022: z.number() }),
  ModuleKind: z.object({ ESNext: z.number() }),
});

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
  /** For each line of `code` (0-based), the source line (1-based) it came from. */
  lines: number[];
}

/**
 * How a cell is transpiled, with enum members by name so a compiler loaded elsewhere (the server's
 * transpile thread) applies the same settings.
 */
export const CELL_TRANSPILE = {
  target: "ES2022",
  module: "ESNext",
  fileName: "cell.ts",
} as const;

export type TranspileOutput = ReturnType<TypeScriptApi["transpileModule"]>;

/** Strips types from TypeScript source, mapping output lines back to the source's lines for error messages. */
export function transpileTypeScript(ts: TypeScriptApi, source: string): Transpiled {
  const result = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget[CELL_TRANSPILE.target], module: ts.ModuleKind[CELL_TRANSPILE.module], sourceMap: true, inlineSources: false },
    fileName: CELL_TRANSPILE.fileName,
    reportDiagnostics: true,
  });
  return readTranspiled(source, result);
}

/** The code and line map from a transpile's output; throws CellSyntaxError on its first diagnostic. */
export function readTranspiled(source: string, result: TranspileOutput): Transpiled {
  const first = result.diagnostics?.[0];
  if (first) throw new CellSyntaxError(diagnosticText(first), first.start === undefined ? null : lineAt(source, first.start));
  const code = result.outputText.replace(/\/\/# sourceMappingURL=.*\s*$/, "");
  const mappings = z.object({ mappings: z.string() }).parse(JSON.parse(result.sourceMapText ?? "{}")).mappings;
  return { code, lines: generatedToSourceLines(mappings) };
}

/** The line of JavaScript source's first syntax error, by the TypeScript parser (engines report none for evaluated code). */
export function firstSyntaxErrorLine(ts: TypeScriptApi, source: string): number | null {
  const result = ts.transpileModule(source, { compilerOptions: {}, fileName: "cell.js", reportDiagnostics: true });
  const start = result.diagnostics?.[0]?.start;
  return start === undefined ? null : lineAt(source, start);
}

function diagnosticText(diagnostic: Diagnostic): string {
  return typeof diagnostic.messageText === "string" ? diagnostic.messageText : diagnostic.messageText.messageText;
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
