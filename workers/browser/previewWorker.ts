/// <reference lib="webworker" />
import { expose } from "comlink";
import { configureTensorFlowBackend } from "@/pipeline/ml/tf/tensorflow-backend";
import { MemoryArtifactCache } from "@/pipeline/runtime/artifactCache";
import { outputCsv, type OutputCsv, type SplitPart } from "@/pipeline/runtime/outputCsv";
import { previewOutput, type OutputPreview } from "@/pipeline/runtime/previewOutput";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import { browserExpressionSandbox } from "./expressionSandbox";
import { browserDatasets } from "./browserDatasets";
import { TFJS_WASM_PATHS } from "./tfjsAssets";

// A preview that trains a model measures the backends first, as the run worker does: without the
// wasm paths the wasm backend cannot load, and the first backend that starts is often not the fastest.
configureTensorFlowBackend({ wasmPaths: TFJS_WASM_PATHS, probe: true });

// Kept for the worker's life: previewing several nodes of one pipeline reuses upstream work.
const cache = new MemoryArtifactCache();

const api = {
  /** `projectId` lets the spec read that project's uploaded datasets (their latest versions). */
  preview(spec: PipelineSpec, nodeId: string, port: string, projectId?: string): Promise<OutputPreview> {
    const datasets = browserDatasets(projectId === undefined ? undefined : { projectId });
    return previewOutput(spec, nodeId, port, { datasets, cache, expressionSandbox: browserExpressionSandbox });
  },
  /** The whole output as CSV (a Split's `part`); right after its preview the upstream work comes from the cache. */
  csv(spec: PipelineSpec, nodeId: string, port: string, part: SplitPart | undefined, projectId?: string): Promise<OutputCsv> {
    const datasets = browserDatasets(projectId === undefined ? undefined : { projectId });
    return outputCsv(spec, nodeId, port, part, { datasets, cache, expressionSandbox: browserExpressionSandbox });
  },
};

export type PreviewWorkerApi = typeof api;

expose(api);
