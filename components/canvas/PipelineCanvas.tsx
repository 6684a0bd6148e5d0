"use client";

import { Background, Controls, MiniMap, ReactFlow } from "@xyflow/react";
import type { ReactNode } from "react";
import type { FlowGraph, PipelineFlowNode } from "./flowGraph";
import { PipelineNode } from "./PipelineNode";
import type { GraphEditing } from "./useGraphEditing";
import type { GraphHistory } from "./useGraphHistory";

const nodeTypes = { pipeline: PipelineNode };

interface Props {
  /** What the canvas shows: the editor's graph, or a comparison of two versions. */
  flow: FlowGraph;
  editable: boolean;
  editing: GraphEditing;
  history: Pick<GraphHistory, "checkpoint" | "dropCheckpointIfUnchanged">;
  /** Fit the opened graph into view; an empty one keeps the default viewport. */
  fitOnOpen: boolean;
  /** Overlays drawn over the canvas (diff summary, hints, toast). */
  children: ReactNode;
}

/** The React Flow canvas and its drop target for palette nodes; a node drag is one undo step. */
export function PipelineCanvas({ flow, editable, editing, history, fitOnOpen, children }: Props) {
  return (
    <div className="relative min-h-0 flex-1" onDragOver={(e) => e.preventDefault()} onDrop={editing.onDrop} data-testid="canvas">
      <ReactFlow<PipelineFlowNode>
        nodes={flow.nodes}
        edges={flow.edges}
        nodeTypes={nodeTypes}
        onNodesChange={editing.onNodesChange}
        onEdgesChange={editing.onEdgesChange}
        onDelete={editable ? editing.onDelete : undefined}
        onConnect={editing.onConnect}
        onConnectEnd={editing.onConnectEnd}
        isValidConnection={editing.isValidConnection}
        onNodeDragStart={() => history.checkpoint()}
        onNodeDragStop={() => history.dropCheckpointIfUnchanged()}
        nodesDraggable={editable}
        nodesConnectable={editable}
        edgesReconnectable={false}
        deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        selectionKeyCode="Shift"
        fitView={fitOnOpen}
        fitViewOptions={{ maxZoom: 1 }}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <Controls showInteractive={false} />
      </ReactFlow>
      {children}
    </div>
  );
}
