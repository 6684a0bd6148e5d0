"use client";

import { createContext, useContext, useMemo } from "react";
import type { CompiledGraph } from "./useCompiledGraph";
import type { NodeChange as DiffChange } from "./graphDiff";
import type { VersionComparison } from "./history/useVersionComparison";
import type { RunProgress } from "@/components/runs/runProgress";

export interface EditorContextValue {
  compiled: CompiledGraph;
  readOnly: boolean;
  /** Set while a version diff is shown on the canvas. */
  diff?: Record<string, DiffChange>;
  /** State of each node in the run shown on the canvas, if any. */
  runProgress?: RunProgress;
  onPreview(nodeId: string, port: string): void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside the pipeline editor");
  return value;
}

/** What the nodes see: while two versions are compared the canvas is read-only and shows their diff instead of run progress. */
export function useEditorContextValue({
  compiled,
  readOnly,
  comparison,
  onPreview,
  runProgress,
}: {
  compiled: CompiledGraph;
  readOnly: boolean;
  comparison: VersionComparison | null;
  onPreview(nodeId: string, port: string): void;
  runProgress: RunProgress | undefined;
}): EditorContextValue {
  return useMemo(
    () => ({
      compiled,
      readOnly: readOnly || comparison !== null,
      ...(comparison ? { diff: Object.fromEntries(Object.entries(comparison.diff.nodes).map(([id, n]) => [id, n.change])) } : {}),
      onPreview,
      ...(runProgress && comparison === null ? { runProgress } : {}),
    }),
    [comparison, compiled, onPreview, readOnly, runProgress],
  );
}
