import { selectBackend, type BackendProbe } from "@/pipeline/ml/tf/select-backend";
import { configureTensorFlowBackend } from "@/pipeline/ml/tf/tensorflow-backend";
import { BROWSER_BACKENDS, TFJS_WASM_PATHS, browserBackendSchema, type BrowserBackend } from "./tfjsAssets";

/** Long enough that one slow step (a software WebGPU adapter takes ≈0.5 s) does not decide the ranking alone. */
const PROBE_SECONDS = 0.5;

export interface BackendReport {
  /** The backend models train on now; null until a probe or override has activated one. */
  active: BrowserBackend | null;
  /** The fastest backend of the last probe. */
  chosen: BrowserBackend | null;
  /** The user's pick, which wins over the probe. */
  override: BrowserBackend | null;
  /** Last probe, one entry per backend: samples/s, or why it could not run. */
  probes: BackendProbe[];
}

/**
 * Which TF.js backend this worker trains on. The choice is measured (a short training
 * probe over every backend) unless the user overrides it, and it is handed to the model
 * nodes through configureTensorFlowBackend so they never pick one on their own.
 */
export class BackendChoice {
  private active: BrowserBackend | null = null;
  private chosen: BrowserBackend | null = null;
  private override: BrowserBackend | null = null;
  private probes: BackendProbe[] = [];

  report(): BackendReport {
    return { active: this.active, chosen: this.chosen, override: this.override, probes: this.probes };
  }

  /** Times every backend, then activates the override if there is one, else the fastest. */
  async probe(): Promise<BackendReport> {
    this.active = null;
    const selection = await selectBackend({
      preferred: [...BROWSER_BACKENDS],
      probe: true,
      probeSeconds: PROBE_SECONDS,
      wasmPaths: TFJS_WASM_PATHS,
    });
    this.probes = selection.probes;
    this.chosen = browserBackendSchema.parse(selection.backend);
    await this.activate(this.override ?? this.chosen);
    return this.report();
  }

  /** null returns to the measured choice (probing first if nothing was measured yet). */
  async setOverride(backend: BrowserBackend | null): Promise<BackendReport> {
    if (backend === null) {
      this.override = null;
      return this.chosen === null ? this.probe() : this.activate(this.chosen);
    }
    await this.activate(backend);
    this.override = backend;
    return this.report();
  }

  /** The backend a run trains on, probing on first use. */
  async ensure(): Promise<BrowserBackend> {
    if (this.active === null) await (this.override === null ? this.probe() : this.activate(this.override));
    return this.active!;
  }

  private async activate(backend: BrowserBackend): Promise<BackendReport> {
    // A failed switch can leave TF.js on no usable backend, so nothing counts as active until this one is.
    this.active = null;
    // selectBackend checks setBackend's result and throws, naming the reason, if it cannot start.
    await selectBackend({ preferred: [backend], wasmPaths: TFJS_WASM_PATHS });
    configureTensorFlowBackend({ preferred: [backend], wasmPaths: TFJS_WASM_PATHS });
    this.active = backend;
    return this.report();
  }
}
