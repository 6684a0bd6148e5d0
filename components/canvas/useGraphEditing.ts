"use client";

import {
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, type DragEvent } from "react";
import { catalogByKind } from "./catalog";
import { connectionProblem } from "./connectionRules";
import { edgeId, newNodeId, type PipelineFlowNode } from "./flowGraph";
import { NODE_DRAG_TYPE } from "./Palette";
import type { GraphHistory } from "./useGraphHistory";
import { applyParamChange } from "./inspector/linkedParams";

/**
 * The edits a user makes on the canvas (add, move, connect, delete, set a param), each
 * sorted into the history as an undo step, a saved change without its own step, or view state.
 */
export function useGraphEditing({ history, readOnly, notify }: { history: GraphHistory; readOnly: boolean; notify(message: string): void }) {
  const reactFlow = useReactFlow();
  const { flow, change, changeWithoutHistory, changeView } = history;

  const addNode = useCallback(
    (kind: string, position?: { x: number; y: number }) => {
      const at = position ?? reactFlow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      change((f) => {
        const id = newNodeId(kind, new Set(f.nodes.map((n) => n.id)));
        const node: PipelineFlowNode = { id, type: "pipeline", position: at, data: { kind, params: {} }, selected: true };
        return { ...f, nodes: [...f.nodes.map((n) => ({ ...n, selected: false })), node] };
      });
    },
    [change, reactFlow],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<PipelineFlowNode>[]) => {
      // Deletion goes through onDelete so nodes and their edges leave in one undo step.
      const kept = changes.filter((c) => c.type !== "remove");
      const moves = kept.filter((c) => c.type === "position");
      const view = kept.filter((c) => c.type !== "position");
      if (view.length > 0) changeView((f) => ({ ...f, nodes: applyNodeChanges(view, f.nodes) }));
      if (moves.length > 0 && !readOnly) changeWithoutHistory((f) => ({ ...f, nodes: applyNodeChanges(moves, f.nodes) }));
    },
    [changeView, changeWithoutHistory, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const view = changes.filter((c) => c.type !== "remove");
      if (view.length > 0) changeView((f) => ({ ...f, edges: applyEdgeChanges(view, f.edges) }));
    },
    [changeView],
  );

  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: PipelineFlowNode[]; edges: Edge[] }) => {
      const nodeIds = new Set(nodes.map((n) => n.id));
      const edgeIds = new Set(edges.map((e) => e.id));
      change((f) => ({
        nodes: f.nodes.filter((n) => !nodeIds.has(n.id)),
        edges: f.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
      }));
    },
    [change],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) =>
      connectionProblem(flow, {
        source: connection.source,
        sourceHandle: connection.sourceHandle ?? null,
        target: connection.target,
        targetHandle: connection.targetHandle ?? null,
      }) === null,
    [flow],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle || !connection.targetHandle) return;
      const edge = { ...connection, sourceHandle: connection.sourceHandle, targetHandle: connection.targetHandle };
      change((f) => ({ ...f, edges: [...f.edges, { ...edge, id: edgeId(edge) }] }));
    },
    [change],
  );

  /** A drop on a port that refused the connection says why, instead of silently doing nothing. */
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromHandle || !state.toHandle) return;
      const [from, to] = state.fromHandle.type === "source" ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      const problem = connectionProblem(flow, {
        source: from.nodeId,
        sourceHandle: from.id ?? null,
        target: to.nodeId,
        targetHandle: to.id ?? null,
      });
      if (problem) notify(problem);
    },
    [flow, notify],
  );

  const onParamChange = useCallback(
    (nodeId: string, key: string, value: unknown) => {
      change(
        (f) => ({
          ...f,
          nodes: f.nodes.map((n) => {
            if (n.id !== nodeId) return n;
            return { ...n, data: { ...n.data, params: applyParamChange(n.data.kind, n.data.params, key, value) } };
          }),
        }),
        `${nodeId}.${key}`,
      );
    },
    [change],
  );

  /** Names a node for people; an empty name goes back to the kind's title. */
  const onLabelChange = useCallback(
    (nodeId: string, label: string) => {
      change(
        (f) => ({
          ...f,
          nodes: f.nodes.map((n) => {
            if (n.id !== nodeId) return n;
            const { label: _previous, ...data } = n.data;
            const trimmed = label.slice(0, 80);
            return { ...n, data: trimmed.trim() ? { ...data, label: trimmed } : data };
          }),
        }),
        `${nodeId}.label`,
      );
    },
    [change],
  );

  /** A node kind dragged from the palette lands where it was dropped. */
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!kind || !catalogByKind.has(kind) || readOnly) return;
      event.preventDefault();
      addNode(kind, reactFlow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [addNode, reactFlow, readOnly],
  );

  return { addNode, onNodesChange, onEdgesChange, onDelete, isValidConnection, onConnect, onConnectEnd, onParamChange, onLabelChange, onDrop };
}

export type GraphEditing = ReturnType<typeof useGraphEditing>;
