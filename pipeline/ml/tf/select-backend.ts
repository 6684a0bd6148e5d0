import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { registerConvGradientKernels } from "./conv2d-backprop-filter";
import { measureTrainingThroughput } from "./timing-probe";

export interface BackendProbe {
  backend: string;
  samplesPerSec?: number;
  error?: string;
}

export interface BackendSelection {
  backend: string;
  probes: BackendProbe[];
}

export interface SelectBackendOptions {
  /** Backends to try, best first. Defaults to webgpu, webgl, wasm, cpu in a browser and wasm, cpu in Node. */
  preferred?: string[];
  /** Time each working backend (~probeSeconds of training) and keep the fastest, instead of the first that starts. */
  probe?: boolean;
  probeSeconds?: number;
  /**
   * Where the tfjs-backend-wasm .wasm files are served: a URL prefix ending in "/" in the
   * browser, or the package's dist directory (path or file URL) in Node, which the caller
   * resolves because this module may not touch the file system.
   */
  wasmPaths?: string;
  /**
   * Called before a backend is first tried, so the host can supply what it needs (a server
   * worker provides WebGPU through Dawn's Node bindings); resolves to why the backend cannot
   * be used, which is recorded as its probe's error, or null to go on and try it.
   */
  prepare?: (backend: string) => Promise<string | null>;
}

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";

/**
 * WebGPU's package is large; it is loaded when first asked for. It registers the backend only
 * if navigator.gpu exists by then, which in Node only a host's `prepare` provides.
 */
async function ensureRegistered(backend: string): Promise<void> {
  if (backend === "webgpu" && !tf.findBackendFactory("webgpu")) await import("@tensorflow/tfjs-backend-webgpu");
}

async function tryBackend(backend: string): Promise<string | null> {
  try {
    await ensureRegistered(backend);
    if (!tf.findBackendFactory(backend)) return `backend "${backend}" is not registered`;
    // setBackend resolves false (rather than throwing) when initialisation fails.
    const ok = await tf.setBackend(backend);
    if (!ok || tf.getBackend() !== backend) return `setBackend("${backend}") failed`;
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

let wasmPathsSet: string | null = null;

/**
 * On a cross-origin isolated page tfjs-backend-wasm sees SharedArrayBuffer and would load its
 * threaded binary, which starts Web Workers of its own: a notebook cell's scope has no Worker, and
 * the run worker's other cores belong to the tree models' threads. So the single-threaded SIMD one.
 */
export function preferSingleThreadedWasm(): void {
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
}

/**
 * Activates the best available TF.js backend and reports what was tried. Always checks
 * setBackend's result: a backend that fails to initialise is skipped, not assumed.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendSelection> {
  const preferred = options.preferred ?? (isNode ? ["wasm", "cpu"] : ["webgpu", "webgl", "wasm", "cpu"]);
  // tfjs-backend-wasm reads the paths once, when it first initialises; later values cannot apply.
  if (options.wasmPaths !== undefined && wasmPathsSet === null) {
    setWasmPaths(options.wasmPaths);
    wasmPathsSet = options.wasmPaths;
  }
  preferSingleThreadedWasm();
  registerConvGradientKernels();
  const probes: BackendProbe[] = [];
  let best: { backend: string; samplesPerSec: number } | null = null;
  for (const backend of preferred) {
    const error = (await options.prepare?.(backend)) ?? (await tryBackend(backend));
    if (error) {
      probes.push({ backend, error });
      continue;
    }
    if (!options.probe) {
      probes.push({ backend });
      return { backend, probes };
    }
    try {
      const samplesPerSec = await measureTrainingThroughput(options.probeSeconds ?? 0.3);
      probes.push({ backend, samplesPerSec });
      if (!best || samplesPerSec > best.samplesPerSec) best = { backend, samplesPerSec };
    } catch (e) {
      probes.push({ backend, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (!best) throw new Error(`No TensorFlow.js backend could start: ${probes.map((p) => `${p.backend}: ${p.error}`).join("; ")}`);
  const error = await tryBackend(best.backend);
  if (error) throw new Error(`Backend ${best.backend} worked during probing but failed to reactivate: ${error}`);
  return { backend: best.backend, probes };
}
