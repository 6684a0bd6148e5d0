"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { RunTarget } from "@/contracts/runTarget";
import { placeRun, type DatasetSize } from "@/components/runs/placement";
import { upstreamSpec } from "@/pipeline/runtime/upstreamSpec";
import type { usePipelineRun } from "@/components/runs/usePipelineRun";
import type { CompiledGraph } from "./useCompiledGraph";

/** Where the user asked runs to go; "auto" picks by the estimated work of each run. */
export type Placement = "auto" | RunTarget;

/**
 * Starts a run of the whole pipeline or up to one node: on the saved version matching the
 * canvas (saving one first when needed), placed where the user chose or where Auto estimates.
 * `ignoreCache` re-executes every node instead of reusing cached outputs.
 */
export function useRunLaunch(options: {
  pipelineId: string;
  compiled: CompiledGraph;
  datasets: { reference: string; nameReference: string; name: string; rowCount: DatasetSize["rows"] }[] | undefined;
  start: ReturnType<typeof usePipelineRun>["start"];
  versionForRun(): Promise<string | null>;
  /** A run replaces the preview on screen. */
  closePreview(): void;
  notify(message: string): void;
  /** Gets the browser runner ready; called once the page is idle whenever the next run would run in this browser. */
  warmUpBrowser?(): Promise<unknown>;
}) {
  const { pipelineId, compiled, datasets, start, versionForRun, closePreview, notify, warmUpBrowser } = options;
  const [placement, setPlacement] = useState<Placement>("auto");

  const sizes = useMemo(() => {
    const bySize: Record<string, DatasetSize> = {};
    for (const d of datasets ?? []) {
      // A Load node may name it by id (older pipelines), by name reference or by its bare name.
      for (const reference of [d.reference, d.nameReference, d.name]) {
        bySize[reference] ??= { rows: d.rowCount, columns: compiled.datasetColumns(reference) ?? compiled.datasetColumns(d.reference) ?? 1, name: d.name };
      }
    }
    return bySize;
  }, [compiled, datasets]);

  const nextRunInBrowser = useMemo(() => {
    if (!compiled.result.ok) return placement === "browser";
    const placed = placeRun(placement, compiled.result.spec, sizes);
    return !("refused" in placed) && placed.target === "browser";
  }, [compiled, placement, sizes]);

  useEffect(() => {
    if (!nextRunInBrowser || warmUpBrowser === undefined) return;
    // After the canvas has drawn, so starting TensorFlow.js never delays the page itself.
    const warm = () => void warmUpBrowser().catch(() => undefined);
    if ("requestIdleCallback" in window) {
      const handle = window.requestIdleCallback(warm, { timeout: 2000 });
      return () => window.cancelIdleCallback(handle);
    }
    const handle = setTimeout(warm, 500);
    return () => clearTimeout(handle);
  }, [nextRunInBrowser, warmUpBrowser]);

  const startRun = useCallback(
    async ({ targetNodeId, ignoreCache = false }: { targetNodeId?: string; ignoreCache?: boolean } = {}) => {
      if (!compiled.result.ok) {
        notify(`Fix the pipeline before running: ${compiled.result.diagnostics[0]?.message ?? "it does not compile."}`);
        return;
      }
      // "Run to here" executes only what the chosen node needs, so only that decides where it may run.
      const toRun = targetNodeId ? upstreamSpec(compiled.result.spec, targetNodeId) : compiled.result.spec;
      const placed = placeRun(placement, toRun, sizes);
      if ("refused" in placed) {
        notify(placed.refused);
        return;
      }
      const versionId = await versionForRun();
      if (versionId === null) return;
      const { target } = placed;
      closePreview();
      try {
        await start({ pipelineId, versionId, target, ignoreCache, ...(targetNodeId ? { targetNodeId } : {}) });
        if (placement === "auto") {
          notify(
            `Running ${target === "browser" ? "in this browser" : "on a server worker"} (Auto${placed.reason === undefined ? "" : `: ${placed.reason}`}).`,
          );
        }
      } catch (error) {
        notify(error instanceof Error ? error.message : String(error));
      }
    },
    [closePreview, compiled, notify, pipelineId, placement, sizes, start, versionForRun],
  );

  const startRunIgnoringCache = useCallback(() => startRun({ ignoreCache: true }), [startRun]);

  return { placement, setPlacement, startRun, startRunIgnoringCache };
}

export type RunLaunch = ReturnType<typeof useRunLaunch>;
