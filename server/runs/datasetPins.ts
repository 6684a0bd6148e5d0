import { z } from "zod";
import { catalog } from "@/pipeline/nodes/catalog";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import type { Db } from "../db";
import { projectDatasetId } from "../datasets/projectDatasets";

/**
 * Which bytes each dataset reference of a run means. Project datasets are pinned
 * to their latest version when the run is enqueued, so a retry or a later upload
 * cannot change what the run reads; content hashes are filled in as the run
 * resolves each dataset, for lineage.
 */
export const datasetPinsSchema = z.record(z.string(), z.object({ versionId: z.string().optional(), contentHash: z.string().optional() }));
export type DatasetPins = z.infer<typeof datasetPinsSchema>;

export function parseDatasetPins(json: string): DatasetPins {
  return datasetPinsSchema.parse(JSON.parse(json));
}

export function datasetReferencesOf(node: PipelineSpec["nodes"][number]): string[] {
  const definition = catalog.get(node.kind);
  if (definition?.datasetReferences === undefined) return [];
  const params = definition.params.safeParse(node.params);
  return params.success ? definition.datasetReferences(params.data) : [];
}

export async function pinDatasetVersions(db: Db, projectId: string, spec: PipelineSpec): Promise<DatasetPins> {
  const pins: DatasetPins = {};
  for (const reference of spec.nodes.flatMap(datasetReferencesOf)) {
    const datasetId = projectDatasetId(reference);
    if (datasetId === undefined) {
      pins[reference] = {};
      continue;
    }
    const latest = await db.datasetVersion.findFirst({
      where: { datasetId, dataset: { projectId } },
      orderBy: { number: "desc" },
      select: { id: true, contentHash: true },
    });
    if (!latest) throw new Error(`Dataset "${reference}" has no versions in this project.`);
    pins[reference] = { versionId: latest.id, contentHash: latest.contentHash };
  }
  return pins;
}
