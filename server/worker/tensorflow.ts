import path from "node:path";
import { configureTensorFlowBackend, ensureTensorFlowBackend } from "@/pipeline/ml/tf/tensorflow-backend";

/**
 * Picks the fastest TF.js backend this process has (wasm ≈3× cpu in Node here) by
 * a short timing probe. The wasm binaries are read from node_modules under the
 * working directory (the repo root for both `npm run worker` and the Next.js
 * server, where bundling makes module-relative resolution unreliable).
 */
export async function selectNodeBackend(preferred?: string[]): Promise<string> {
  configureTensorFlowBackend({
    wasmPaths: `${path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist")}${path.sep}`,
    probe: true,
    probeSeconds: 0.2,
    ...(preferred ? { preferred } : {}),
  });
  return (await ensureTensorFlowBackend()).backend;
}
