"use client";

import { useCallback, useState } from "react";
import type { CompiledGraph } from "../useCompiledGraph";
import type { PreviewState } from "./PreviewPanel";
import { usePreviewWorker } from "./usePreviewWorker";

/** The data preview of one node output: computed by the preview worker from the compiled spec, or why it cannot be. */
export function useNodePreview(projectId: string, compiled: CompiledGraph) {
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const runPreview = usePreviewWorker(projectId);

  const closePreview = useCallback(() => setPreview(null), []);

  const onPreview = useCallback(
    (nodeId: string, port: string) => {
      if (!compiled.result.ok) {
        const problem = compiled.byNode.get(nodeId)?.[0]?.message ?? compiled.result.diagnostics[0]?.message;
        setPreview({ status: "error", nodeId, port, message: `Fix the pipeline first: ${problem ?? "it does not compile."}` });
        return;
      }
      setPreview({ status: "loading", nodeId, port });
      runPreview(compiled.result.spec, nodeId, port).then(
        (result) => setPreview({ status: "done", nodeId, port, preview: result }),
        (error: unknown) => setPreview({ status: "error", nodeId, port, message: error instanceof Error ? error.message : String(error) }),
      );
    },
    [compiled, runPreview],
  );

  return { preview, onPreview, closePreview };
}
