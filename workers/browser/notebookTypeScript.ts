import { firstSyntaxErrorLine, transpileTypeScript, typeScriptModuleSchema, type Transpiled, type TypeScriptApi } from "../shared/typeScriptTranspile";

export { CellSyntaxError } from "../shared/typeScriptTranspile";

/** Where the app serves the TypeScript compiler (app/api/notebook/typescript): loaded only when TypeScript code runs. */
const COMPILER_URL = "/api/notebook/typescript";

let compiler: Promise<TypeScriptApi> | undefined;

/** typescript.js is a CommonJS bundle; it is evaluated with its own `module` object rather than bundled into the app. */
function loadCompiler(fetchOwn: typeof fetch): Promise<TypeScriptApi> {
  compiler ??= fetchOwn(COMPILER_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`The TypeScript compiler could not be loaded (HTTP ${response.status}).`);
      return response.text();
    })
    .then((source) => {
      const commonJsModule: { exports: unknown } = { exports: {} };
      new Function("module", "exports", source)(commonJsModule, commonJsModule.exports);
      typeScriptModuleSchema.parse(commonJsModule.exports);
      return commonJsModule.exports as TypeScriptApi;
    });
  compiler.catch(() => (compiler = undefined));
  return compiler;
}

/** Strips types from a TypeScript cell, mapping output lines back to the cell's lines for error messages. */
export async function transpileCell(source: string, fetchOwn: typeof fetch): Promise<Transpiled> {
  return transpileTypeScript(await loadCompiler(fetchOwn), source);
}

/** Finds a syntax error's line in TypeScript code (the engine's own SyntaxError has none for evaluated code). */
export async function syntaxErrorLine(source: string, fetchOwn: typeof fetch): Promise<number | null> {
  return firstSyntaxErrorLine(await loadCompiler(fetchOwn), source);
}
