import { createRequire } from "node:module";
import { configureTensorFlowBackend } from "../ml/tf/tensorflow-backend";

/** Points TF.js's wasm backend at the package's own binaries, so Node trains on wasm (≈3× cpu) rather than cpu. */
export function configureNodeTensorFlow(): void {
  const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
  configureTensorFlowBackend({ wasmPaths: entry.slice(0, entry.lastIndexOf("/") + 1) });
}
