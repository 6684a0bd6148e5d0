/// <reference lib="webworker" />
import { expose } from "comlink";
import { z } from "zod";
import { MemoryArtifactCache, writeOnly } from "@/pipeline/runtime/artifactCache";
import type { RunEventListener } from "@/pipeline/runtime/events";
import { HashRecordingDatasets } from "@/pipeline/runtime/hashRecordingDatasets";
import { upstreamSpec } from "@/pipeline/runtime/upstreamSpec";
import { runSpec } from "@/pipeline/runtime/runSpec";
import { serializeRunResult, type SerializedRunResult } from "@/pipeline/runtime/serializedRunResult";
import { pipelineSpecSchema, type PipelineSpec } from "@/pipeline/spec/spec";
import { provideModelThreads } from "@/pipeline/ml/models/threads/model-threads";
import { provideTensorFlowBackend } from "@/pipeline/ml/tf/tensorflow-backend";
import { BackendChoice, type BackendReport } from "./backendChoice";
import { browserExpressionSandbox } from "./expressionSandbox";
import { browserDatasets } from "./browserDatasets";
import { browserModelThreads } from "./browserModelThreads";
import { browserBackendSchema, type BrowserBackend } from "./tfjsAssets";

const runOptionsSchema = z.object({
  /** Run only this node and what it depends on. */
  targetNodeId: z.string().min(1).optional(),
  /** The project whose uploaded datasets the spec may read, and the versions the run pinned. */
  projectId: z.string().min(1).optional(),
  datasetVersions: z.record(z.string(), z.object({ versionId: z.string().optional() })).optional(),
  /** Re-execute every node; the fresh outputs replace the cached ones for later runs. */
  ignoreCache: z.boolean().optional(),
});
export type BrowserRunOptions = z.infer<typeof runOptionsSchema>;

export type BrowserRunResult = SerializedRunResult & {
  /**
   * The TF.js backend active when the run ended (only TensorFlow.js models use it); null when none
   * was started yet, as for a run without a neural model on a page that had not warmed up.
   */
  backend: BrowserBackend | null;
  /** Reference → content hash of every dataset the run read, for the run's lineage. */
  datasets: Record<string, string>;
};

const backends = new BackendChoice();
// TF.js starts when a model first needs it, not before every run: a pipeline without a neural model never waits for it.
provideTensorFlowBackend(async () => ({ backend: await backends.ensure(), probes: [] }));
// Started by the first tree model large enough to want them, then kept for the worker's life.
provideModelThreads(browserModelThreads(() => new Worker(new URL("./modelThread.ts", import.meta.url), { type: "module" })));
// Kept for the worker's life, so re-running after an edit executes only the changed nodes and what follows them.
const cache = new MemoryArtifactCache();
let running: AbortController | null = null;
let busy = false;

/** Probing switches TF.js backends under a training model, so probes, overrides and runs never overlap. */
async function exclusive<T>(task: () => Promise<T>): Promise<T> {
  if (busy) throw new Error("The browser runner is busy: wait for the current run or probe to finish.");
  busy = true;
  try {
    return await task();
  } finally {
    busy = false;
  }
}

const api = {
  backendReport(): BackendReport {
    return backends.report();
  },

  probeBackends(): Promise<BackendReport> {
    return exclusive(() => backends.probe());
  },

  /**
   * Loads TensorFlow.js and activates a backend while the user is still editing, so a model in the
   * next run trains at once. Not exclusive: a run may start meanwhile, and its models wait for this.
   */
  warmUp(remembered: BrowserBackend | null): Promise<BackendReport> {
    return backends.warmUp(browserBackendSchema.nullable().parse(remembered));
  },

  /** null drops the override and returns to the fastest measured backend. */
  setBackend(backend: BrowserBackend | null): Promise<BackendReport> {
    const parsed = browserBackendSchema.nullable().parse(backend);
    return exclusive(() => backends.setOverride(parsed));
  },

  run(spec: PipelineSpec, options: BrowserRunOptions, onEvent: RunEventListener): Promise<BrowserRunResult> {
    const parsedSpec = pipelineSpecSchema.parse(spec);
    const { targetNodeId, projectId, datasetVersions, ignoreCache } = runOptionsSchema.parse(options);
    if (targetNodeId !== undefined && !parsedSpec.nodes.some((n) => n.id === targetNodeId)) {
      throw new Error(`Node "${targetNodeId}" is not in the spec.`);
    }
    return exclusive(async () => {
      const controller = new AbortController();
      running = controller;
      try {
        const toRun = targetNodeId === undefined ? parsedSpec : upstreamSpec(parsedSpec, targetNodeId);
        const datasets = new HashRecordingDatasets(
          browserDatasets(projectId === undefined ? undefined : { projectId, ...(datasetVersions === undefined ? {} : { pins: datasetVersions }) }),
        );
        const result = await runSpec(toRun, {
          datasets,
          cache: ignoreCache === true ? writeOnly(cache) : cache,
          signal: controller.signal,
          onEvent,
          expressionSandbox: browserExpressionSandbox,
        });
        return { ...serializeRunResult(result), backend: backends.report().active, datasets: datasets.contentHashes };
      } finally {
        running = null;
      }
    });
  },

  /** Stops the run at its next cancellation point; the result comes back with status "cancelled". */
  cancel(): void {
    running?.abort();
  },

  /** Forgets cached node outputs, so the next run recomputes everything. */
  clearCache(): void {
    cache.clear();
  },
};

export type RunWorkerApi = typeof api;

expose(api);
