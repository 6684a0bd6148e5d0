import { z } from "zod";
import { catalog } from "@/pipeline/nodes/catalog";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import type { Db } from "../db";
import { parseDatasetReference } from "@/pipeline/spec/datasetReference";
import { findDatasetVersion } from "../datasets/datasetLookup";

/**
 * Which bytes each dataset reference of a run means. Project datasets (by id, name
 * or name@version) are pinned to the version they name (the latest by default) when the run is enqueued, so a retry or a later upload
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
    const parsed = parseDatasetReference(reference);
    // A bare name that is no project dataset may be a sample's: resolving it says which.
    const version = parsed.kind === "sample" ? null : await findDatasetVersion(db, projectId, reference);
    if (version === null) {
      if (parsed.kind === "project") {
        throw new Error(
          parsed.version === undefined
            ? `Dataset "${parsed.key}" is not in this project (or has no versions): upload it on the project page, or pick one of the project's datasets.`
            : `Dataset "${parsed.key}" has no version ${parsed.version} in this project.`,
        );
      }
      pins[reference] = {};
      continue;
    }
    pins[reference] = { versionId: version.id, contentHash: version.contentHash };
  }
  return pins;
}
