import { storedGraphSchema } from "@/contracts/storedGraph";

/**
 * The names users gave nodes in a pipeline version's canvas graph (node id → label), so results
 * read by name rather than by id. Nodes without a label are left out. Graphs are validated when
 * saved; one that no longer parses (an older format) only costs the names, not the run's results.
 */
export function nodeLabelsOf(graphJson: string | null | undefined): Record<string, string> {
  if (!graphJson) return {};
  const graph = storedGraphSchema.safeParse(JSON.parse(graphJson));
  if (!graph.success) return {};
  return Object.fromEntries(graph.data.nodes.flatMap((node) => (node.label ? [[node.id, node.label]] : [])));
}
