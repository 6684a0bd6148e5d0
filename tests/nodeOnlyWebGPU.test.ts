import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECKED_FOLDERS } from "./architecture/boundaryRules";
import { importsOf, sourceFiles } from "./architecture/sourceImports";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A `"use client"` directive as a file's first statement, after any comments. */
const USE_CLIENT = /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use client["']/;

/**
 * Dawn's Node bindings (the `webgpu` package: a native .node file per platform) are for server
 * workers only. A browser bundle that reached them would fail to build or carry code it cannot
 * run, so no module a browser loads may import them, not even lazily.
 */
describe("Dawn's Node bindings stay out of browser code", () => {
  it("nothing reachable from a client component or a browser worker imports server/worker/dawnWebGPU.ts or webgpu", () => {
    const files = sourceFiles(ROOT, CHECKED_FOLDERS).filter((file) => !/\.test\.tsx?$/.test(file));
    const imports = new Map(files.map((file) => [file, importsOf(ROOT, file).filter((i) => !i.typeOnly)]));
    // Where the bundler starts client code; the workers the pages start are also reached through their new URL(…) references.
    const entries = files.filter((file) => file.startsWith("workers/browser/") || USE_CLIENT.test(readFileSync(path.join(ROOT, file), "utf8")));
    const reached = new Set(entries);
    const pending = [...entries];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      for (const { target } of imports.get(file) ?? []) {
        if (target !== null && !reached.has(target)) {
          reached.add(target);
          pending.push(target);
        }
      }
    }
    // The walk does reach the backend choice browsers share with server workers, where webgpu is loaded for them.
    expect(reached).toContain("pipeline/ml/tf/select-backend.ts");
    expect(reached).not.toContain("server/worker/dawnWebGPU.ts");
    expect([...reached].filter((file) => imports.get(file)?.some((i) => i.specifier === "webgpu"))).toEqual([]);
  });
});
