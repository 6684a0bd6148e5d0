"use client";

import { createContext, useContext } from "react";
import type { CompiledGraph } from "./useCompiledGraph";
import type { NodeChange as DiffChange } from "./graphDiff";
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
