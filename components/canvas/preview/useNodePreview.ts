"use client";

import { useCallback, useState } from "react";
import { useTRPCClient } from "@/components/trpc/client";
import { saveBlob } from "@/components/ui/saveBlob";
import type { SplitPart } from "@/pipeline/runtime/outputCsv";
import { catalogByKind } from "../catalog";
import type { CompiledGraph } from "../useCompiledGraph";
import type { PreviewState } from "./PreviewPanel";
import { LIVE_DATA_PREVIEW_HINT, storedNodePreview } from "./storedNodePreview";
import { usePreviewWorker } from "./usePreviewWorker";

/**
 * The data preview of one node output: computed by the preview worker from the compiled spec, or why it cannot be.
 * A node that reads live data on the server (a SQL query) is shown as the latest server run stored it.
 */
export function useNodePreview(projectId: string, compiled: CompiledGraph, latestRun?: { runId: string; target: string } | null) {
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const worker = usePreviewWorker(projectId);
  const client = useTRPCClient();
  // Only which run it is matters here, not its progress events.
  const runId = latestRun?.target === "server" ? latestRun.runId : undefined;

  const closePreview = useCallback(() => setPreview(null), []);

  const onPreview = useCallback(
    (nodeId: string, port: string) => {
      if (!compiled.result.ok) {
        const problem = compiled.byNode.get(nodeId)?.[0]?.message ?? compiled.result.diagnostics[0]?.message;
        setPreview({ status: "error", nodeId, port, message: `Fix the pipeline first: ${problem ?? "it does not compile."}` });
        return;
      }
      const failed = (error: unknown) => setPreview({ status: "error", nodeId, port, message: error instanceof Error ? error.message : String(error) });
      const kind = compiled.result.spec.nodes.find((node) => node.id === nodeId)?.kind;
      if (kind !== undefined && catalogByKind.get(kind)?.liveData) {
        if (runId === undefined) {
          setPreview({ status: "error", nodeId, port, message: LIVE_DATA_PREVIEW_HINT });
          return;
        }
        setPreview({ status: "loading", nodeId, port });
        storedNodePreview(client, projectId, runId, nodeId, port).then(
          (result) =>
            setPreview("preview" in result ? { status: "done", nodeId, port, preview: result.preview } : { status: "error", nodeId, port, ...result }),
          failed,
        );
        return;
      }
      setPreview({ status: "loading", nodeId, port });
      worker.preview(compiled.result.spec, nodeId, port).then((result) => setPreview({ status: "done", nodeId, port, preview: result }), failed);
    },
    [client, compiled, runId, projectId, worker],
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
