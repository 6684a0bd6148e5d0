"use client";

import { useCallback, useState } from "react";
import { saveBlob } from "@/components/ui/saveBlob";
import type { SplitPart } from "@/pipeline/runtime/outputCsv";
import type { CompiledGraph } from "../useCompiledGraph";
import type { PreviewState } from "./PreviewPanel";
import { usePreviewWorker } from "./usePreviewWorker";

/** The data preview of one node output: computed by the preview worker from the compiled spec, or why it cannot be. */
export function useNodePreview(projectId: string, compiled: CompiledGraph) {
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const worker = usePreviewWorker(projectId);

  const closePreview = useCallback(() => setPreview(null), []);

  const onPreview = useCallback(
    (nodeId: string, port: string) => {
      if (!compiled.result.ok) {
        const problem = compiled.byNode.get(nodeId)?.[0]?.message ?? compiled.result.diagnostics[0]?.message;
        setPreview({ status: "error", nodeId, port, message: `Fix the pipeline first: ${problem ?? "it does not compile."}` });
        return;
      }
      setPreview({ status: "loading", nodeId, port });
      worker.preview(compiled.result.spec, nodeId, port).then(
        (result) => setPreview({ status: "done", nodeId, port, preview: result }),
        (error: unknown) => setPreview({ status: "error", nodeId, port, message: error instanceof Error ? error.message : String(error) }),
      );
    },
    [compiled, worker],
  );

  /** Saves the previewed output (every row, not only those shown) as a CSV file; resolves to why it could not, if so. */
  const downloadCsv = useCallback(
    async (part?: SplitPart): Promise<string | null> => {
      if (!preview || !compiled.result.ok) return "Fix the pipeline first.";
      const result = await worker.csv(compiled.result.spec, preview.nodeId, preview.port, part);
      if (!result.ok) return result.message;
      saveBlob(result.csv, "text/csv;charset=utf-8", result.fileName);
      return null;
    },
    [compiled, preview, worker],
  );

  return { preview, onPreview, closePreview, downloadCsv };
}
