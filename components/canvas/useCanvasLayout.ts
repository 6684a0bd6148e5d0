"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { autoLayout } from "@/pipeline/compiler/autoLayout";
import { toFlow, toStored } from "./flowGraph";
import type { GraphHistory } from "./useGraphHistory";

const FIT_VIEW = { duration: 200, maxZoom: 1 };

/** Auto-layout (an undoable change of positions) and fitting the view to the graph. */
export function useCanvasLayout(history: GraphHistory) {
  const reactFlow = useReactFlow();
  const { change } = history;

  const fitView = useCallback(() => void reactFlow.fitView(FIT_VIEW), [reactFlow]);

  const layout = useCallback(() => {
    change((f) => toFlow(autoLayout(toStored(f)), f));
    // Fit once React Flow has rendered the new positions.
    requestAnimationFrame(() => fitView());
  }, [change, fitView]);

  return { layout, fitView };
}

export type CanvasLayout = ReturnType<typeof useCanvasLayout>;
