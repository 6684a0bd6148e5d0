import { compileGraph } from "@/pipeline/compiler/compile";
import { catalog } from "@/pipeline/nodes/catalog";
import { specHash } from "@/pipeline/spec/fingerprint";
import { readDatasetSchemas } from "@/pipeline/runtime/datasetSchemas";
import type { DatasetResolver } from "@/pipeline/spec/datasetResolver";
import type { StoredGraph } from "@/contracts/storedGraph";

/**
 * Compiles a graph as it is saved. A version with errors is still saved (work is
 * never refused), but without a spec, so it cannot be run until fixed.
 */
export async function compileForSave(graph: StoredGraph, datasets: DatasetResolver) {
  const { schemas } = await readDatasetSchemas({ nodes: graph.nodes }, datasets);
  const result = compileGraph(graph, catalog, { datasetSchemas: schemas });
  if (!result.ok) return { spec: null, specHash: null, diagnostics: result.diagnostics };
  return { spec: JSON.stringify(result.spec), specHash: specHash(result.spec), diagnostics: result.diagnostics };
}
