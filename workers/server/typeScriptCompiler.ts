import { typeScriptModuleSchema, type TypeScriptApi } from "../shared/typeScriptTranspile";

let compiler: Promise<TypeScriptApi> | undefined;

/** The installed `typescript` package (the one the app also serves to notebook workers), loaded on first use: it is large. */
export function loadTypeScript(): Promise<TypeScriptApi> {
  compiler ??= import("typescript").then((module) => {
    // A CommonJS package: its API is the namespace itself under some loaders, the default export under others.
    const api: unknown = typeScriptModuleSchema.safeParse(module).success ? module : (module as { default?: unknown }).default;
    typeScriptModuleSchema.parse(api);
    return api as TypeScriptApi;
  });
  compiler.catch(() => (compiler = undefined));
  return compiler;
}
