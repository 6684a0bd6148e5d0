"use client";

import { createContext, useContext } from "react";
import type { CompiledGraph } from "./useCompiledGraph";
import type { NodeChange as DiffChange } from "./graphDiff";

export interface EditorContextValue {
  compiled: CompiledGraph;
  readOnly: boolean;
  /** Set while a version diff is shown on the canvas. */
  diff?: Record<string, DiffChange>;
  onPreview(nodeId: string, port: string): void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside the pipeline editor");
  return value;
}
