import { Position, type NodeHandle } from "@xyflow/react";
import { catalogByKind } from "./catalog";

// Ports sit in their own rows right below the header (the run badge goes under them) so labels never overlap other text.
export const PORT_TOP = 42;
export const PORT_SPACING = 20;
/** The card's width (Tailwind w-52). */
export const NODE_WIDTH = 208;
/** The header row and the card's top and bottom borders. */
const HEADER_HEIGHT = 31;
const PREVIEW_ROW_HEIGHT = 22;
const HANDLE_SIZE = 12;

/** Output port types a card offers "▸ preview" for (a row of buttons at its foot). */
export const PREVIEWABLE_PORT_TYPES: ReadonlySet<string> = new Set(["Table", "LabeledTable", "Split", "Predictions", "Metrics", "LabelMatrix", "Plot"]);

export interface NodeGeometry {
  initialWidth: number;
  initialHeight: number;
  handles: NodeHandle[];
}

const byKind = new Map<string, NodeGeometry>();

/**
 * A node card's size and port positions before the browser has measured it. React Flow draws a node
 * and its edges on the server (and during hydration) only when it knows them, so a large pipeline's
 * canvas arrives drawn in the page's HTML instead of appearing after the scripts have run. The card
 * is measured as soon as it mounts, and the measured size wins; these only need to be close.
 */
export function nodeGeometry(kind: string): NodeGeometry {
  const known = byKind.get(kind);
  if (known) return known;
  const summary = catalogByKind.get(kind);
  const inputs = summary?.inputs ?? [];
  const outputs = summary?.outputs ?? [];
  const rows = Math.max(inputs.length, outputs.length, 1);
  const previewRow = outputs.some((port) => PREVIEWABLE_PORT_TYPES.has(port.type)) ? PREVIEW_ROW_HEIGHT : 0;
  const handle = (name: string, index: number, type: "source" | "target"): NodeHandle => ({
    id: name,
    type,
    position: type === "target" ? Position.Left : Position.Right,
    x: (type === "target" ? 0 : NODE_WIDTH) - HANDLE_SIZE / 2,
    y: PORT_TOP + index * PORT_SPACING - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  });
  const geometry: NodeGeometry = {
    initialWidth: NODE_WIDTH,
    initialHeight: HEADER_HEIGHT + rows * PORT_SPACING + 4 + previewRow,
    handles: [...inputs.map((port, index) => handle(port.name, index, "target")), ...outputs.map((port, index) => handle(port.name, index, "source"))],
  };
  byKind.set(kind, geometry);
  return geometry;
}
