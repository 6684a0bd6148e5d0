import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { resolvePackageEntry } from "./resolvePackage";

export interface QuickJsFiles {
  /** quickjs-emscripten-core's CommonJS entry. */
  core: string;
  /** The release build of QuickJS as WebAssembly (synchronous variant), CommonJS entry. */
  variant: string;
  /** The package folders the sandbox process may read (Node's permission model denies everything else). */
  readable: string[];
}

const CORE = "quickjs-emscripten-core";
const VARIANT = "@jitl/quickjs-wasmfile-release-sync";
const FFI_TYPES = "@jitl/quickjs-ffi-types";

function packageRoot(entry: string, name: string): string {
  let directory = path.dirname(entry);
  while (!existsSync(path.join(directory, "package.json")) || !directory.endsWith(path.join(...name.split("/")))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`Cannot find the package folder of ${name}`);
    directory = parent;
  }
  return directory;
}

let cached: QuickJsFiles | undefined;

export function quickJsFiles(): QuickJsFiles {
  if (cached) return cached;
  const core = resolvePackageEntry(CORE);
  const variant = resolvePackageEntry(VARIANT);
  const ffiTypes = createRequire(core).resolve(FFI_TYPES);
  cached = {
    core,
    variant,
    readable: [packageRoot(core, CORE), packageRoot(variant, VARIANT), packageRoot(ffiTypes, FFI_TYPES)].map((dir) => dir + path.sep),
  };
  return cached;
}
