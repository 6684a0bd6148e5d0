import { catalog } from "@/pipeline/nodes/catalog";
import { autoLayout } from "@/pipeline/spec/autoLayout";
import { specToGraph } from "@/pipeline/spec/checkSpec";
import { loadSpec } from "@/pipeline/spec/jsonSchema";
import { MAX_GRAPH_NODES, storedGraphSchema, type StoredGraph } from "./graphs";

export type ImportedGraph = { ok: true; graph: StoredGraph; source: "spec" | "graph" } | { ok: false; message: string };

const MAX_LISTED_PROBLEMS = 3;

function problems(messages: string[]): string {
  const listed = messages.slice(0, MAX_LISTED_PROBLEMS).join("; ");
  return messages.length > MAX_LISTED_PROBLEMS ? `${listed}; and ${messages.length - MAX_LISTED_PROBLEMS} more` : listed;
}

/**
 * A pipeline file as a canvas graph: a compiled spec (as "Export spec" and `vajra`
 * write them, any published spec version) is laid out left to right; a canvas graph
 * keeps its positions. Whether it compiles is not checked here: like any saved
 * version, one with errors is kept and shows its diagnostics on the canvas.
 */
export function importPipelineDocument(document: unknown): ImportedGraph {
  const isGraph = typeof document === "object" && document !== null && !("specVersion" in document) && "edges" in document;
  if (isGraph) {
    const graph = storedGraphSchema.safeParse(document);
    if (!graph.success) return { ok: false, message: `Not a Vajra pipeline graph: ${problems(graph.error.issues.map((i) => `${i.path.join(".") || "graph"}: ${i.message}`))}` };
    return { ok: true, graph: graph.data, source: "graph" };
  }
  const loaded = loadSpec(document);
  if (!loaded.ok) return { ok: false, message: `Not a Vajra pipeline spec: ${problems(loaded.diagnostics.map((d) => d.message))}` };
  if (loaded.spec.nodes.length > MAX_GRAPH_NODES) return { ok: false, message: `The spec has ${loaded.spec.nodes.length} nodes; a pipeline can have at most ${MAX_GRAPH_NODES}.` };
  // A node written for another version of its kind would be read with this build's meaning of its params.
  const versionMismatches = loaded.spec.nodes.flatMap((node) => {
    const current = catalog.get(node.kind)?.version;
    return current === undefined || current === node.version ? [] : [`node "${node.id}" was written for ${node.kind} v${node.version}; this build has v${current}`];
  });
  if (versionMismatches.length > 0) return { ok: false, message: `The spec needs other node versions: ${problems(versionMismatches)}` };
  const graph = specToGraph(loaded.spec);
  const laidOut = autoLayout({
    nodes: graph.nodes.map((node, row) => ({ ...node, position: { x: 0, y: row } })),
    edges: graph.edges ?? [],
  });
  const stored = storedGraphSchema.safeParse(laidOut);
  if (!stored.success) return { ok: false, message: `Not a Vajra pipeline spec: ${problems(stored.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`))}` };
  return { ok: true, graph: stored.data, source: "spec" };
}
