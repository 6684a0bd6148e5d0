import path from "node:path";
import type { BackendSelection } from "@/pipeline/ml/tf/select-backend";
import { configureTensorFlowBackend, ensureTensorFlowBackend } from "@/pipeline/ml/tf/tensorflow-backend";

/** What a server worker tries when VAJRA_TF_BACKENDS does not say: a GPU through Dawn if the machine has one, then wasm (≈3× cpu in Node here), then cpu. */
const SERVER_BACKENDS = ["webgpu", "wasm", "cpu"];

/**
 * Picks the fastest TF.js backend this process has by a short timing probe, and logs why
 * each other one was not taken. The wasm binaries are read from node_modules under the
 * working directory (the repo root for both `npm run worker` and the Next.js server, where
 * bundling makes module-relative resolution unreliable).
 */
export async function selectNodeBackend(preferred: string[] = SERVER_BACKENDS, log: (message: string) => void = () => {}): Promise<string> {
  configureTensorFlowBackend({
    wasmPaths: `${path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist")}${path.sep}`,
    probe: true,
    probeSeconds: 0.2,
    preferred,
    // Dawn's native module is loaded only here, when webgpu is about to be tried.
    prepare: async (backend) => (backend === "webgpu" ? (await import("./dawnWebGPU")).provideDawnWebGPU() : null),
  });
  const selection = await ensureTensorFlowBackend();
  for (const line of skippedBackends(selection)) log(line);
  return selection.backend;
}

const perSecond = (samplesPerSec: number) => `${Math.round(samplesPerSec).toLocaleString("en-US")} samples/s`;

/** One line per backend the probe did not choose: the error that stopped it, or its throughput beside the winner's. */
function skippedBackends({ backend, probes }: BackendSelection): string[] {
  const chosen = probes.find((p) => p.backend === backend)?.samplesPerSec;
  return probes
    .filter((p) => p.backend !== backend)
    .map((p) =>
      p.samplesPerSec === undefined
        ? `${p.backend} skipped: ${p.error}`
        : `${p.backend} skipped: ${perSecond(p.samplesPerSec)}, slower than ${backend}${chosen === undefined ? "" : ` (${perSecond(chosen)})`}`,
    );
}
