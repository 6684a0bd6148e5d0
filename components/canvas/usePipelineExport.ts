"use client";

import { saveBlob } from "@/components/ui/saveBlob";
import { useCallback } from "react";
import { exportableSpec } from "./exportableSpec";
import type { CompiledGraph } from "./useCompiledGraph";

/**
 * Downloads the compiled spec as JSON for the CLI, project datasets named by name; a graph that does not
 * compile has no spec to export. Says which `--dataset` files `vajra run` will want.
 */
export function usePipelineExport({
  compiled,
  pipelineName,
  datasets,
  notify,
}: {
  compiled: CompiledGraph;
  pipelineName: string;
  datasets: { datasetId: string | null; name: string }[] | undefined;
  notify(message: string): void;
}) {
  const { result } = compiled;
  return useCallback(() => {
    if (!result.ok) {
      notify("Fix the problems shown on the nodes before exporting the spec.");
      return;
    }
    const { spec, needs } = exportableSpec(result.spec, datasets ?? []);
    saveBlob(JSON.stringify(spec, null, 2), "application/json", `${pipelineName.replace(/[^a-z0-9-_]+/gi, "_")}.spec.json`);
    if (needs.length > 0) {
      notify(
        `The spec reads project datasets: download them from their pages and run it with ${needs.map((name) => `--dataset "${name}=${name}.csv"`).join(" ")}.`,
      );
    }
  }, [datasets, notify, pipelineName, result]);
}
