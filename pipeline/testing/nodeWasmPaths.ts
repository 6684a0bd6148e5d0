import { createRequire } from "node:module";

/** Test/Node-only: the directory holding tfjs-backend-wasm's .wasm binaries, for selectBackend({ wasmPaths }). */
export function nodeWasmPaths(): string {
  const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
  return entry.slice(0, entry.lastIndexOf("/") + 1);
}
