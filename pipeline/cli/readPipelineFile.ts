import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../spec/diagnostics";
import { compileGraph } from "../compiler/compile";
import { catalog } from "../nodes/catalog";
import { isGraphDocument } from "../spec/graph";
import { loadSpec } from "../spec/jsonSchema";
import type { PipelineSpec } from "../spec/spec";

export type PipelineFile =
  { ok: true; spec: PipelineSpec; directory: string; source: "spec" | "graph" } | { ok: false; diagnostics: Diagnostic[]; directory: string };

/**
 * Reads a spec file, or a canvas graph file (anything with `edges` and no
 * `specVersion`), which is compiled to a spec first.
 */
export async function readPipelineFile(path: string): Promise<PipelineFile> {
  const absolute = resolve(path);
  const directory = dirname(absolute);
  let document: unknown;
  try {
    document = JSON.parse(await readFile(absolute, "utf8"));
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === "ENOENT" ? `File not found: ${absolute}` : `${absolute}: ${(error as Error).message}`;
    return { ok: false, directory, diagnostics: [{ code: "invalid-graph", message }] };
  }
  if (isGraphDocument(document)) {
    const compiled = compileGraph(document, catalog);
    return compiled.ok ? { ok: true, spec: compiled.spec, directory, source: "graph" } : { ok: false, diagnostics: compiled.diagnostics, directory };
  }
  const loaded = loadSpec(document);
  return loaded.ok ? { ok: true, spec: loaded.spec, directory, source: "spec" } : { ok: false, diagnostics: loaded.diagnostics, directory };
}
