import type { TableSchema } from "../ml/table/table";
import type { NodeCatalog } from "../spec/nodeCatalog";
import type { SpecNode } from "../spec/spec";
import { catalog as defaultCatalog } from "../nodes/catalog";
import type { DatasetResolver } from "../spec/datasetResolver";

export interface DatasetSchemaFailure {
  nodeId: string;
  message: string;
}

/**
 * Reads the raw schemas of every external dataset a spec uses, for the compiler's
 * column checks. A dataset that cannot be read is reported against the node reading it.
 */
export async function readDatasetSchemas(
  spec: { nodes: Pick<SpecNode, "id" | "kind" | "params">[] },
  datasets: DatasetResolver,
  options: { catalog?: NodeCatalog; signal?: AbortSignal } = {},
): Promise<{ schemas: Record<string, TableSchema>; failures: DatasetSchemaFailure[] }> {
  const catalog = options.catalog ?? defaultCatalog;
  const schemas: Record<string, TableSchema> = {};
  const failures: DatasetSchemaFailure[] = [];
  for (const node of spec.nodes) {
    const definition = catalog.get(node.kind);
    if (definition?.readDatasetSchemas === undefined) continue;
    const params = definition.params.safeParse(node.params);
    if (!params.success) continue;
    try {
      Object.assign(schemas, await definition.readDatasetSchemas(params.data, datasets, options.signal));
    } catch (error) {
      failures.push({ nodeId: node.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { schemas, failures };
}
