"use client";

import { wrap, type Remote } from "comlink";
import { useCallback, useEffect, useMemo, useRef } from "react";
import type { SplitPart } from "@/pipeline/runtime/outputCsv";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import type { PreviewWorkerApi } from "@/workers/browser/previewWorker";

/**
 * One preview worker per editor, started on first use, so the page itself never
 * computes previews. It reads `projectId`'s uploaded datasets as well as the samples.
 */
export function usePreviewWorker(projectId: string) {
  const worker = useRef<{ raw: Worker; api: Remote<PreviewWorkerApi> } | null>(null);
  useEffect(() => () => worker.current?.raw.terminate(), []);
  const api = useCallback(() => {
    if (!worker.current) {
      const raw = new Worker(new URL("../../../workers/browser/previewWorker.ts", import.meta.url), { type: "module" });
      worker.current = { raw, api: wrap<PreviewWorkerApi>(raw) };
    }
    return worker.current.api;
  }, []);
  return useMemo(
    () => ({
      preview: (spec: PipelineSpec, nodeId: string, port: string) => api().preview(spec, nodeId, port, projectId),
      csv: (spec: PipelineSpec, nodeId: string, port: string, part?: SplitPart) => api().csv(spec, nodeId, port, part, projectId),
    }),
    [api, projectId],
  );
}
