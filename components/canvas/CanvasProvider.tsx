"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useState, type ReactNode } from "react";
import type { StoredGraph } from "@/contracts/storedGraph";
import type { CanvasSize } from "./canvasSize";
import { CANVAS_MIN_ZOOM, fitViewOptions } from "./fitViewOptions";
import { canvasNodes, toFlow } from "./flowGraph";

/**
 * React Flow's store, seeded with the opened graph: the server renders the nodes and edges into the
 * page (nodes carry their size and ports, see nodeGeometry), fitted into the canvas size this browser
 * last had, so a large pipeline is drawn before the scripts run; the browser refits once it has measured.
 */
export function CanvasProvider({ graph, size, children }: { graph: StoredGraph; size: CanvasSize; children: ReactNode }) {
  const [initial] = useState(() => {
    const flow = toFlow(graph);
    return { nodes: canvasNodes(flow), edges: flow.edges, fit: flow.nodes.length > 0, options: fitViewOptions(flow.nodes.length) };
  });
  return (
    <ReactFlowProvider
      initialNodes={initial.nodes}
      initialEdges={initial.edges}
      initialWidth={size.width}
      initialHeight={size.height}
      initialMinZoom={CANVAS_MIN_ZOOM}
      fitView={initial.fit}
      initialFitViewOptions={initial.options}
    >
      {children}
    </ReactFlowProvider>
  );
}
