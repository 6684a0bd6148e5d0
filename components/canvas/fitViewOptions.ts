import type { FitViewOptions } from "@xyflow/react";

/** A graph this large gets a minimap; a smaller one fits the view whole, where a minimap would only cover part of it. */
export const MINIMAP_MIN_NODES = 16;

/** How far the canvas zooms out: a 300-node pipeline still fits a laptop screen. */
export const CANVAS_MIN_ZOOM = 0.1;

/**
 * Fitting leaves room for the zoom controls (bottom left) and, when shown, the minimap
 * (200 × 150 px, bottom right), so no node ends up under them on a small screen.
 */
export function fitViewOptions(nodeCount: number): FitViewOptions {
  return { maxZoom: 1, padding: { top: "32px", bottom: "32px", left: "64px", right: nodeCount >= MINIMAP_MIN_NODES ? "232px" : "40px" } };
}
