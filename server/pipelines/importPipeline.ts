import type { z } from "zod";
import { autoLayout } from "@/pipeline/compiler/autoLayout";
import { nodeVersionIssues, specToGraph, upgradeNodeVersions } from "@/pipeline/compiler/checkSpec";
import { catalog } from "@/pipeline/nodes/catalog";
import { isGraphDocument } from "@/pipeline/spec/graph";
import { loadSpec } from "@/pipeline/spec/jsonSchema";
import { MAX_GRAPH_NODES, storedGraphSchema, type StoredGraph } from "@/contracts/storedGraph";

export type ImportedGraph = { ok: true; graph: StoredGraph } | { ok: false; message: string };

const MAX_LISTED_PROBLEMS = 3;

function problems(messages: string[]): string {
  const listed = messages.slice(0, MAX_LISTED_PROBLEMS).join("; ");
  return messages.length > MAX_LISTED_PROBLEMS ? `${listed}; and ${messages.length - MAX_LISTED_PROBLEMS} more` : listed;
}

function schemaProblems(error: z.ZodError, root: string): string {
  return problems(error.issues.map((issue) => `${issue.path.join(".") || root}: ${issue.message}`));
}

/**
 * A pipeline file as a canvas graph: a compiled spec (as "Export spec" and `vajra`
 * write them, any published spec version) is laid out left to right; a canvas graph
 * keeps its positions. Whether it compiles is not checked here: like any saved
 * version, one with errors is kept and shows its diagnostics on the canvas.
 */
export function importPipelineDocument(document: unknown): ImportedGraph {
  if (isGraphDocument(document)) {
    const graph = storedGraphSchema.safeParse(document);
    if (!graph.success) return { ok: false, message: `Not a Vajra pipeline graph: ${schemaProblems(graph.error, "graph")}` };
    return { ok: true, graph: graph.data };
  }
  const loaded = loadSpec(document);
  if (!loaded.ok) return { ok: false, message: `Not a Vajra pipeline spec: ${problems(loaded.diagnostics.map((d) => d.message))}` };
  if (loaded.spec.nodes.length > MAX_GRAPH_NODES)
    return { ok: false, message: `The spec has ${loaded.spec.nodes.length} nodes; a pipeline can have at most ${MAX_GRAPH_NODES}.` };
  const spec = upgradeNodeVersions(loaded.spec, catalog);
  const versionIssues = nodeVersionIssues(spec, catalog);
  if (versionIssues.length > 0) return { ok: false, message: `The spec needs other node versions: ${problems(versionIssues.map((d) => d.message))}` };
  const graph = specToGraph(spec);
  const laidOut = autoLayout({
    nodes: graph.nodes.map((node, row) => ({ ...node, position: { x: 0, y: row } })),
    edges: graph.edges ?? [],
  });
  const stored = storedGraphSchema.safeParse(laidOut);
  if (!stored.success) return { ok: false, message: `Not a Vajra pipeline spec: ${schemaProblems(stored.error, "spec")}` };
  return { ok: true, graph: stored.data };
}
