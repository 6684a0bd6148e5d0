import { selectBackend, type BackendProbe } from "@/pipeline/ml/tf/select-backend";
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
 * probe over every backend) unless the user overrides it or this browser measured it
 * before; model nodes ask for it through `ensure` (the worker provides it to
 * provideTensorFlowBackend) so they never pick one on their own. Changes of backend run
 * one at a time, so a model waiting for TF.js waits for a probe under way instead of
 * starting a second one.
 */
export class BackendChoice {
  private active: BrowserBackend | null = null;
  private chosen: BrowserBackend | null = null;
  private override: BrowserBackend | null = null;
  private probes: BackendProbe[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  report(): BackendReport {
    return { active: this.active, chosen: this.chosen, override: this.override, probes: this.probes };
  }

  /** Times every backend, then activates the override if there is one, else the fastest. */
  probe(): Promise<BackendReport> {
    return this.serially(() => this.measure());
  }

  /** null returns to the measured choice (probing first if nothing was measured yet). */
  setOverride(backend: BrowserBackend | null): Promise<BackendReport> {
    return this.serially(async () => {
      if (backend === null) {
        this.override = null;
        return this.chosen === null ? this.measure() : this.activate(this.chosen);
      }
      await this.activate(backend);
      this.override = backend;
      return this.report();
    });
  }

  /**
   * Gets a backend ready before the first model needs it: the user's pick, else the one this
   * browser measured fastest before (no probe: probing every backend is most of a cold start),
   * else a probe. A remembered backend that no longer starts (a driver or flag changed) is
   * measured again.
   */
  warmUp(remembered: BrowserBackend | null): Promise<BackendReport> {
    return this.serially(async () => {
      if (this.active !== null) return this.report();
      if (this.override !== null) return this.activate(this.override);
      if (remembered !== null) {
        try {
          await this.activate(remembered);
          this.chosen = remembered;
          return this.report();
        } catch {
          // Falls through to a fresh measurement.
        }
      }
      return this.measure();
    });
  }

  /** The backend a model trains on: after any change under way, probing if none is active yet. */
  async ensure(): Promise<BrowserBackend> {
    const report = await this.serially(async () =>
      this.active !== null ? this.report() : this.override !== null ? this.activate(this.override) : this.measure(),
    );
    return report.active!;
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async measure(): Promise<BackendReport> {
    this.active = null;
    const selection = await selectBackend({
      preferred: [...BROWSER_BACKENDS],
      probe: true,
      probeSeconds: PROBE_SECONDS,
      wasmPaths: TFJS_WASM_PATHS,
    });
    this.probes = selection.probes;
    this.chosen = browserBackendSchema.parse(selection.backend);
    return this.activate(this.override ?? this.chosen);
  }

  private async activate(backend: BrowserBackend): Promise<BackendReport> {
    // A failed switch can leave TF.js on no usable backend, so nothing counts as active until this one is.
    this.active = null;
    // selectBackend checks setBackend's result and throws, naming the reason, if it cannot start.
    await selectBackend({ preferred: [backend], wasmPaths: TFJS_WASM_PATHS });
    this.active = backend;
    return this.report();
  }
}
