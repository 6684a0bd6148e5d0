import type { PortType } from "../spec/portTypes";

/** Port types a preview can summarise; models and deployments have their own pages instead. */
const PREVIEWABLE_PORT_TYPES: ReadonlySet<string> = new Set<PortType>(["Table", "LabeledTable", "Predictions", "Split", "Metrics", "LabelMatrix", "Plot"]);

export function isPreviewable(portType: string): boolean {
  return PREVIEWABLE_PORT_TYPES.has(portType);
}
