"use client";

import { useCallback } from "react";
import type { CompiledGraph } from "./useCompiledGraph";

/** Downloads the compiled spec as JSON for the CLI; a graph that does not compile has no spec to export. */
export function usePipelineExport({ compiled, pipelineName, notify }: { compiled: CompiledGraph; pipelineName: string; notify(message: string): void }) {
  const { result } = compiled;
  return useCallback(() => {
    if (!result.ok) {
      notify("Fix the problems shown on the nodes before exporting the spec.");
      return;
    }
    const blob = new Blob([JSON.stringify(result.spec, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${pipelineName.replace(/[^a-z0-9-_]+/gi, "_")}.spec.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }, [notify, pipelineName, result]);
}
