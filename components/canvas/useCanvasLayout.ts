"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { autoLayout } from "@/pipeline/compiler/autoLayout";
import { fitViewOptions } from "./fitViewOptions";
import { toFlow, toStored } from "./flowGraph";
import type { GraphHistory } from "./useGraphHistory";

/** Auto-layout (an undoable change of positions) and fitting the view to the graph. */
export function useCanvasLayout(history: GraphHistory) {
  const reactFlow = useReactFlow();
  const { change, flow } = history;
  const nodeCount = flow.nodes.length;

  const fitView = useCallback(() => void reactFlow.fitView({ ...fitViewOptions(nodeCount), duration: 200 }), [nodeCount, reactFlow]);

  const layout = useCallback(() => {
    change((f) => toFlow(autoLayout(toStored(f)), f));
    // Fit once React Flow has rendered the new positions.
    requestAnimationFrame(() => fitView());
  }, [change, fitView]);

  return { layout, fitView };
}

export type CanvasLayout = ReturnType<typeof useCanvasLayout>;
