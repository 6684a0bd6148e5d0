import { autoLayout } from "@/pipeline/spec/autoLayout";
import { specToGraph } from "@/pipeline/spec/checkSpec";
import { loadSpec } from "@/pipeline/spec/jsonSchema";
import { storedGraphSchema, type StoredGraph } from "./graphs";

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
  const graph = specToGraph(loaded.spec);
  const laidOut = autoLayout({
    nodes: graph.nodes.map((node, row) => ({ ...node, position: { x: 0, y: row } })),
    edges: graph.edges ?? [],
  });
  return { ok: true, graph: storedGraphSchema.parse(laidOut), source: "spec" };
}
