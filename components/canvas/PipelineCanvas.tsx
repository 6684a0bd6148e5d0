"use client";

import { Background, Controls, MiniMap, ReactFlow } from "@xyflow/react";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import { canvasSizeCookie } from "./canvasSize";
import { CANVAS_MIN_ZOOM, fitViewOptions, MINIMAP_MIN_NODES } from "./fitViewOptions";
import { canvasNodes, type CanvasFlowNode, type FlowGraph } from "./flowGraph";
import { NoteEditingContext, type NoteEditing } from "./NoteEditingContext";
import { NoteNode } from "./NoteNode";
import { PipelineNode } from "./PipelineNode";
import type { GraphEditing } from "./useGraphEditing";
import type { GraphHistory } from "./useGraphHistory";

const nodeTypes = { pipeline: PipelineNode, note: NoteNode };

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
  const { nodes: pipelineNodes, notes } = flow;
  const nodes = useMemo<CanvasFlowNode[]>(() => canvasNodes({ nodes: pipelineNodes, notes }), [pipelineNodes, notes]);
  const nodeCount = flow.nodes.length;
  const fitOptions = useMemo(() => fitViewOptions(nodeCount), [nodeCount]);
  const { onNoteChange, onDelete } = editing;
  const { checkpoint, dropCheckpointIfUnchanged } = history;
  const noteEditing = useMemo<NoteEditing | null>(
    () =>
      editable
        ? {
            onChange: onNoteChange,
            onDelete: (noteId) => onDelete({ nodes: [{ id: noteId }], edges: [] }),
            onResizeStart: checkpoint,
            onResizeEnd: dropCheckpointIfUnchanged,
          }
        : null,
    [checkpoint, dropCheckpointIfUnchanged, editable, onDelete, onNoteChange],
  );
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) document.cookie = canvasSizeCookie(entry.contentRect);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={container} className="relative min-h-0 flex-1" onDragOver={(e) => e.preventDefault()} onDrop={editing.onDrop} data-testid="canvas">
      <NoteEditingContext.Provider value={noteEditing}>
        <ReactFlow<CanvasFlowNode>
          nodes={nodes}
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
          fitViewOptions={fitOptions}
          defaultViewport={{ x: 0, y: 0, zoom: 1 }}
          minZoom={CANVAS_MIN_ZOOM}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} />
          {flow.nodes.length >= MINIMAP_MIN_NODES && <MiniMap pannable zoomable ariaLabel="Minimap" />}
          <Controls showInteractive={false} />
        </ReactFlow>
      </NoteEditingContext.Provider>
      {children}
    </div>
  );
}
