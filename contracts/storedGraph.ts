import { z } from "zod";
import { graphSchema } from "@/pipeline/spec/graph";

/** Limits keep one request from storing an unbounded document. */
export const MAX_GRAPH_NODES = 2000;
export const MAX_CANVAS_NOTES = 200;
export const MAX_NOTE_TEXT = 2000;

export const NOTE_COLORS = ["yellow", "blue", "green", "pink"] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

const point = z.object({ x: z.number().finite(), y: z.number().finite() });

/**
 * A sticky note on the canvas: part of the canvas document (saved with drafts and versions),
 * never of the pipeline. The compiler reads the graph through graphSchema, which drops `notes`.
 */
export const canvasNoteSchema = z.object({
  id: z.string().min(1).max(100),
  text: z.string().max(MAX_NOTE_TEXT, { message: `A note can have at most ${MAX_NOTE_TEXT} characters.` }),
  position: point,
  size: z.object({ width: z.number().finite().min(40).max(4000), height: z.number().finite().min(30).max(4000) }).optional(),
  color: z.enum(NOTE_COLORS).optional(),
});

export type CanvasNote = z.output<typeof canvasNoteSchema>;

function noteIdsAreUnique(graph: { nodes: { id: string }[]; notes?: { id: string }[] | undefined }): boolean {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (const note of graph.notes ?? []) {
    if (taken.has(note.id)) return false;
    taken.add(note.id);
  }
  return true;
}

/** A canvas graph as stored: the engine's graph with positions required, plus the canvas's notes. */
export const storedGraphSchema = graphSchema
  .extend({
    nodes: z
      .array(
        graphSchema.shape.nodes.element.extend({
          position: point,
        }),
      )
      .max(MAX_GRAPH_NODES, { message: `A pipeline can have at most ${MAX_GRAPH_NODES} nodes.` }),
    notes: z
      .array(canvasNoteSchema)
      .max(MAX_CANVAS_NOTES, { message: `A pipeline can have at most ${MAX_CANVAS_NOTES} notes.` })
      .optional(),
  })
  // Notes and nodes share the canvas, which tells its items apart by id.
  .refine(noteIdsAreUnique, {
    message: "Each note needs an id no node or other note has.",
    path: ["notes"],
  });

export type StoredGraph = z.output<typeof storedGraphSchema>;

export const EMPTY_GRAPH: StoredGraph = { nodes: [], edges: [] };

export function parseStoredGraph(json: string): StoredGraph {
  return storedGraphSchema.parse(JSON.parse(json));
}
