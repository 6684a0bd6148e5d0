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
import { MAX_CANVAS_NOTES, type NoteColor } from "@/contracts/storedGraph";
import { edgeId, NOTE_DRAG_HANDLE, newNodeId, noteIds, type CanvasFlowNode, type FlowGraph, type NoteFlowNode, type PipelineFlowNode } from "./flowGraph";
import { freeSpotFor } from "./notePlacement";
import { NODE_DRAG_TYPE } from "./Palette";
import type { GraphHistory } from "./useGraphHistory";
import { applyParamChange } from "./inspector/linkedParams";

/** A new note's size: room for a few lines, resizable afterwards. */
const NEW_NOTE_SIZE = { width: 240, height: 140 };

function changeId(change: NodeChange<CanvasFlowNode>): string {
  return change.type === "add" ? change.item.id : change.id;
}

/** Applies React Flow's changes to the nodes and notes they concern, keeping the untouched list as it was. */
function applyCanvasChanges(changes: NodeChange<CanvasFlowNode>[], flow: FlowGraph): FlowGraph {
  const notes = noteIds(flow);
  const forNotes = changes.filter((c) => notes.has(changeId(c))) as NodeChange<NoteFlowNode>[];
  const forNodes = changes.filter((c) => !notes.has(changeId(c))) as NodeChange<PipelineFlowNode>[];
  return {
    ...flow,
    ...(forNodes.length > 0 ? { nodes: applyNodeChanges(forNodes, flow.nodes) } : {}),
    ...(forNotes.length > 0 ? { notes: applyNodeChanges(forNotes, flow.notes) } : {}),
  };
}

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
        const id = newNodeId(kind, new Set([...f.nodes, ...f.notes].map((n) => n.id)));
        const node: PipelineFlowNode = { id, type: "pipeline", position: at, data: { kind, params: {} }, selected: true };
        return { ...f, nodes: [...f.nodes.map((n) => ({ ...n, selected: false })), node], notes: f.notes.map((n) => ({ ...n, selected: false })) };
      });
    },
    [change, reactFlow],
  );

  /** A sticky note in the middle of the view (beside, not over, the nodes there), selected so it can be typed into. */
  const addNote = useCallback(() => {
    if (readOnly) return;
    if (flow.notes.length >= MAX_CANVAS_NOTES) {
      notify(`A pipeline can have at most ${MAX_CANVAS_NOTES} notes.`);
      return;
    }
    const center = reactFlow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    const occupied = reactFlow
      .getNodes()
      .map((n) => ({ ...n.position, width: n.measured?.width ?? n.width ?? 0, height: n.measured?.height ?? n.height ?? 0 }));
    const at = freeSpotFor(center, NEW_NOTE_SIZE, occupied);
    change((f) => {
      const id = newNodeId("note", new Set([...f.nodes, ...f.notes].map((n) => n.id)));
      const note: NoteFlowNode = { id, type: "note", position: at, dragHandle: NOTE_DRAG_HANDLE, data: { text: "" }, ...NEW_NOTE_SIZE, selected: true };
      return { ...f, nodes: f.nodes.map((n) => ({ ...n, selected: false })), notes: [...f.notes.map((n) => ({ ...n, selected: false })), note] };
    });
  }, [change, flow.notes.length, notify, reactFlow, readOnly]);

  /** Typing in a note is one undo step per burst, like typing in a param. */
  const onNoteChange = useCallback(
    (noteId: string, patch: { text?: string; color?: NoteColor }) => {
      change(
        (f) => ({ ...f, notes: f.notes.map((n) => (n.id === noteId ? { ...n, data: { ...n.data, ...patch } } : n)) }),
        patch.text === undefined ? undefined : `${noteId}.text`,
      );
    },
    [change],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasFlowNode>[]) => {
      // Deletion goes through onDelete so nodes and their edges leave in one undo step.
      const kept = changes.filter((c) => c.type !== "remove");
      // Moves and a note's resizing are saved; measuring and selection are view state.
      const isSaved = (c: NodeChange<CanvasFlowNode>) => c.type === "position" || (c.type === "dimensions" && c.setAttributes !== undefined);
      const saved = kept.filter(isSaved);
      const view = kept.filter((c) => !isSaved(c));
      if (view.length > 0) changeView((f) => applyCanvasChanges(view, f));
      if (saved.length > 0 && !readOnly) changeWithoutHistory((f) => applyCanvasChanges(saved, f));
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
    ({ nodes, edges }: { nodes: { id: string }[]; edges: { id: string }[] }) => {
      const nodeIds = new Set(nodes.map((n) => n.id));
      const edgeIds = new Set(edges.map((e) => e.id));
      change((f) => ({
        nodes: f.nodes.filter((n) => !nodeIds.has(n.id)),
        edges: f.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
        notes: f.notes.filter((n) => !nodeIds.has(n.id)),
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

  return {
    addNode,
    addNote,
    onNoteChange,
    onNodesChange,
    onEdgesChange,
    onDelete,
    isValidConnection,
    onConnect,
    onConnectEnd,
    onParamChange,
    onLabelChange,
    onDrop,
  };
}

export type GraphEditing = ReturnType<typeof useGraphEditing>;
