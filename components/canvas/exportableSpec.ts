import { parseDatasetReference, projectDatasetReference } from "@/pipeline/spec/datasetReference";
import type { PipelineSpec } from "@/pipeline/spec/spec";

/**
 * The spec as `vajra run` reads it: project datasets named by name (an older `dataset:<id>` becomes
 * `dataset:<name>`, so `--dataset <name>=<path>` can supply the file), with the names it needs given.
 */
export function exportableSpec(spec: PipelineSpec, datasets: { datasetId: string | null; name: string }[]): { spec: PipelineSpec; needs: string[] } {
  const nameOf = new Map(datasets.flatMap((d) => (d.datasetId === null ? [] : [[d.datasetId, d.name] as const])));
  const needs = new Set<string>();
  const nodes = spec.nodes.map((node) => {
    const reference = node.kind === "load" ? node.params["dataset"] : undefined;
    if (typeof reference !== "string") return node;
    const parsed = parseDatasetReference(reference);
    if (parsed.kind !== "project") return node;
    const name = nameOf.get(parsed.key) ?? parsed.key;
    needs.add(name);
    return { ...node, params: { ...node.params, dataset: projectDatasetReference(name, parsed.version) } };
  });
  return { spec: { ...spec, nodes }, needs: [...needs].sort() };
}
