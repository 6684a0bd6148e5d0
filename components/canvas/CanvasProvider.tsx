"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useState, type ReactNode } from "react";
import type { StoredGraph } from "@/contracts/storedGraph";
import { CANVAS_MIN_ZOOM, fitViewOptions } from "./fitViewOptions";
import { canvasNodes, toFlow } from "./flowGraph";

// The canvas's size on a 1280 × 720 screen (the smallest we lay out for): the server cannot know the
// browser's, and fitting a graph into a smaller box only zooms out a little more than the browser will.
const ASSUMED_CANVAS = { width: 768, height: 560 };

/**
 * React Flow's store, seeded with the opened graph: the server renders the nodes and edges into the
 * page (nodes carry their size and ports, see nodeGeometry), fitted into an assumed canvas, so a large
 * pipeline is drawn before the scripts run; the browser refits to the real canvas once it has measured.
 */
export function CanvasProvider({ graph, children }: { graph: StoredGraph; children: ReactNode }) {
  const [initial] = useState(() => {
    const flow = toFlow(graph);
    return { nodes: canvasNodes(flow), edges: flow.edges, fit: flow.nodes.length > 0, options: fitViewOptions(flow.nodes.length) };
  });
  return (
    <ReactFlowProvider
      initialNodes={initial.nodes}
      initialEdges={initial.edges}
      initialWidth={ASSUMED_CANVAS.width}
      initialHeight={ASSUMED_CANVAS.height}
      initialMinZoom={CANVAS_MIN_ZOOM}
      fitView={initial.fit}
      initialFitViewOptions={initial.options}
    >
      {children}
    </ReactFlowProvider>
  );
}
