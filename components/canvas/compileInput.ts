"use client";

import type { Edge } from "@xyflow/react";
import { useMemo } from "react";
import type { StoredGraph } from "@/contracts/storedGraph";
import type { PipelineFlowNode } from "./flowGraph";

/** What the compiler reads from the canvas: node ids, kinds and params, and the edges between ports. */
export interface CompileInput {
  nodes: { id: string; kind: string; params: Record<string, unknown> }[];
  edges: StoredGraph["edges"];
}

/** The compile input as text: unchanged while only positions, sizes, selection, labels or notes change. */
export function compileInputKey(nodes: PipelineFlowNode[], edges: Edge[]): string {
  return JSON.stringify({
    nodes: nodes.map((n) => ({ id: n.id, kind: n.data.kind, params: n.data.params })),
    edges: edges.flatMap((e) =>
      e.sourceHandle && e.targetHandle ? [{ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle }] : [],
    ),
  });
}

/**
 * The compile input, kept as the same object across a drag, a measurement or a selection, so
 * those neither recompile the graph nor re-render every node through the editor context.
 */
export function useCompileInput(nodes: PipelineFlowNode[], edges: Edge[]): CompileInput {
  const key = useMemo(() => compileInputKey(nodes, edges), [nodes, edges]);
  return useMemo(() => JSON.parse(key) as CompileInput, [key]);
}
