import { listNodes } from "@/pipeline/nodes/catalog";
import type { NodeSummary } from "@/pipeline/spec/nodeCatalog";
import { STAGES } from "@/pipeline/spec/nodeDefinition";

/** The node catalog as the canvas sees it: computed once per page load. */
export const catalogNodes: NodeSummary[] = listNodes();
export const catalogByKind = new Map(catalogNodes.map((n) => [n.kind, n]));
export const stages = STAGES;

/** Colour per stage, so a pipeline reads left to right at a glance. */
export const STAGE_COLORS: Record<(typeof STAGES)[number], string> = {
  Data: "bg-sky-500",
  Clean: "bg-teal-500",
  Split: "bg-amber-500",
  Label: "bg-fuchsia-500",
  Augment: "bg-pink-500",
  Model: "bg-indigo-500",
  Tune: "bg-violet-500",
  Ensemble: "bg-purple-500",
  Evaluate: "bg-emerald-500",
  Deploy: "bg-slate-700",
};
