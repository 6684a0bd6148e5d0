import type { Edge, Node } from "@xyflow/react";
import type { CanvasNote, NoteColor, StoredGraph } from "@/contracts/storedGraph";
import { nodeGeometry } from "./nodeGeometry";

export interface PipelineNodeData extends Record<string, unknown> {
  kind: string;
  params: Record<string, unknown>;
  label?: string;
}

export type PipelineFlowNode = Node<PipelineNodeData, "pipeline">;

export interface NoteNodeData extends Record<string, unknown> {
  text: string;
  color?: NoteColor;
}

/** A sticky note: drawn by React Flow like a node, but kept apart from the pipeline's nodes. */
export type NoteFlowNode = Node<NoteNodeData, "note">;

/** Everything React Flow draws as a node. */
export type CanvasFlowNode = PipelineFlowNode | NoteFlowNode;

export interface FlowGraph {
  nodes: PipelineFlowNode[];
  edges: Edge[];
  notes: NoteFlowNode[];
}

/** Dragging a note moves it only by its header, so its text can be selected and edited. */
export const NOTE_DRAG_HANDLE = ".note-drag-handle";

export function edgeId(edge: { source: string; sourceHandle: string; target: string; targetHandle: string }): string {
  return `${edge.source}.${edge.sourceHandle}->${edge.target}.${edge.targetHandle}`;
}

/** Stored graph → React Flow. `previous` keeps measured sizes and selection of nodes that still exist. */
export function toFlow(graph: StoredGraph, previous?: FlowGraph): FlowGraph {
  const old = new Map<string, CanvasFlowNode>([...(previous?.nodes ?? []), ...(previous?.notes ?? [])].map((n) => [n.id, n]));
  return {
    nodes: graph.nodes.map((n) => {
      const prior = old.get(n.id);
      return {
        id: n.id,
        type: "pipeline",
        position: n.position,
        data: { kind: n.kind, params: n.params, ...(n.label ? { label: n.label } : {}) },
        ...nodeGeometry(n.kind),
        ...(prior?.measured ? { measured: prior.measured } : {}),
        ...(prior?.selected ? { selected: true } : {}),
      };
    }),
    edges: graph.edges.map((e) => ({
      id: e.id ?? edgeId(e),
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      targetHandle: e.targetHandle,
    })),
    notes: (graph.notes ?? []).map((note) => noteToFlow(note, old.get(note.id))),
  };
}

function noteToFlow(note: CanvasNote, prior: CanvasFlowNode | undefined): NoteFlowNode {
  return {
    id: note.id,
    type: "note",
    position: note.position,
    dragHandle: NOTE_DRAG_HANDLE,
    data: { text: note.text, ...(note.color ? { color: note.color } : {}) },
    ...(note.size ? { width: note.size.width, height: note.size.height } : {}),
    ...(prior?.measured ? { measured: prior.measured } : {}),
    ...(prior?.selected ? { selected: true } : {}),
  };
}

/** What React Flow draws, notes first so they lie under the nodes they describe. */
export function canvasNodes(flow: Pick<FlowGraph, "nodes" | "notes">): CanvasFlowNode[] {
  return flow.notes.length > 0 ? [...flow.notes, ...flow.nodes] : flow.nodes;
}

function noteToStored(note: NoteFlowNode): CanvasNote {
  return {
    id: note.id,
    text: note.data.text,
    position: { ...note.position },
    ...(note.width !== undefined && note.height !== undefined ? { size: { width: note.width, height: note.height } } : {}),
    ...(note.data.color ? { color: note.data.color } : {}),
  };
}

/** React Flow → what is saved: ids, kinds, params, positions and port-to-port edges, and the notes (left out when there are none). */
export function toStored(flow: FlowGraph): StoredGraph {
  return {
    nodes: flow.nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      params: n.data.params,
      position: { ...n.position },
      ...(n.data.label ? { label: n.data.label } : {}),
    })),
    edges: flow.edges.flatMap((e) =>
      e.sourceHandle && e.targetHandle ? [{ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle }] : [],
    ),
    ...(flow.notes.length > 0 ? { notes: flow.notes.map(noteToStored) } : {}),
  };
}

/** What panels call a node: the user's label, else the node kind's title and id ("Evaluate (evaluate-2)"). */
export function nodeDisplayName(node: { id: string; kind: string; label?: string | undefined }, title: string | undefined): string {
  return node.label || `${title ?? node.kind} (${node.id})`;
}

/** The notes' ids: React Flow reports changes to notes and nodes together, and these tell them apart. */
export function noteIds(flow: FlowGraph): Set<string> {
  return new Set(flow.notes.map((n) => n.id));
}

export function newNodeId(kind: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${kind}-${n}`;
    if (!taken.has(id)) return id;
  }
}
