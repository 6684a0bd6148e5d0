/// <reference lib="webworker" />
import { expose } from "comlink";
import { MemoryArtifactCache } from "@/pipeline/runtime/artifactCache";
import { previewOutput, type OutputPreview } from "@/pipeline/runtime/previewOutput";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import { browserDatasets } from "./sampleDatasets";

// Kept for the worker's life: previewing several nodes of one pipeline reuses upstream work.
const cache = new MemoryArtifactCache();

const api = {
  preview(spec: PipelineSpec, nodeId: string, port: string): Promise<OutputPreview> {
    return previewOutput(spec, nodeId, port, { datasets: browserDatasets, cache });
  },
};

export type PreviewWorkerApi = typeof api;

expose(api);
