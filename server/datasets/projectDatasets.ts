import { readFile } from "node:fs/promises";
import path from "node:path";
import { sampleName } from "@/pipeline/runtime/datasets";
import type { DatasetResolver } from "@/pipeline/spec/datasetResolver";
import type { BlobStore } from "../artifacts/blobStore";
import { sha256Of } from "../artifacts/blobStore";
import type { Db } from "../db";
import { readStoredSchema } from "./storedSchema";

/** The bundled sample datasets, served as static files too (public/datasets). */
export const SAMPLE_DIRECTORY = path.join(process.cwd(), "public", "datasets");
const SAMPLE_NAME = /^[a-z0-9_-]+$/i;

/** A bundled sample's bytes by name, or null when there is none of that name. */
export async function readSample(name: string): Promise<Uint8Array | null> {
  if (!SAMPLE_NAME.test(name)) return null;
  return readFile(path.join(SAMPLE_DIRECTORY, `${name}.csv`)).then(
    (bytes) => new Uint8Array(bytes),
    () => null,
  );
}

/** Project datasets are referenced as `dataset:<Dataset id>` by Load nodes. */
export const PROJECT_DATASET_PREFIX = "dataset:";

export function projectDatasetId(reference: string): string | undefined {
  return reference.startsWith(PROJECT_DATASET_PREFIX) ? reference.slice(PROJECT_DATASET_PREFIX.length) : undefined;
}

export interface ProjectDatasetScope {
  db: Db;
  blobs: BlobStore;
  projectId: string;
  /** Reference → DatasetVersion id fixed for a run; unpinned references read the latest version. */
  pins?: Record<string, { versionId?: string }>;
  /** Told each dataset's content hash as it resolves (for the run's lineage). */
  onResolved?: (reference: string, contentHash: string) => void;
}

/**
 * Datasets a project's pipelines may read on the server: bundled samples and,
 * given a project scope, that project's uploaded dataset versions. Only known
 * references resolve, never an arbitrary path, since references come from users.
 */
export function projectDatasets(scope?: ProjectDatasetScope): DatasetResolver {
  return {
    async resolve(reference) {
      const resolved = await resolveReference(reference, scope);
      scope?.onResolved?.(reference, resolved.contentHash);
      return resolved;
    },
    async storedSchema(reference) {
      const datasetId = projectDatasetId(reference);
      if (datasetId === undefined || scope === undefined) return undefined;
      return readStoredSchema(scope.db, await findVersion(scope, reference, datasetId));
    },
  };
}

/** The version a reference reads: the pinned one, else the latest. Never its schema, which can be large. */
async function findVersion(scope: ProjectDatasetScope, reference: string, datasetId: string) {
  const pinned = scope.pins?.[reference]?.versionId;
  const version = await scope.db.datasetVersion.findFirst({
    where: { datasetId, dataset: { projectId: scope.projectId }, ...(pinned ? { id: pinned } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, storageKey: true, fileName: true, contentHash: true, columnCount: true },
  });
  if (!version) throw new Error(`Dataset "${reference}" not found in this project.`);
  return version;
}

async function resolveReference(reference: string, scope: ProjectDatasetScope | undefined) {
  const datasetId = projectDatasetId(reference);
  if (datasetId !== undefined && scope !== undefined) {
    const version = await findVersion(scope, reference, datasetId);
    return { bytes: await scope.blobs.get(version.storageKey), name: version.fileName, contentHash: version.contentHash };
  }
  const sample = sampleName(reference);
  if (sample === undefined || !SAMPLE_NAME.test(sample)) {
    throw new Error(`Unknown dataset "${reference}". Use a bundled sample such as sample:iris, or upload a dataset to the project.`);
  }
  const file = path.join(SAMPLE_DIRECTORY, `${sample}.csv`);
  const bytes = new Uint8Array(
    await readFile(file).catch(() => {
      throw new Error(`No sample dataset named "${sample}".`);
    }),
  );
  return { bytes, name: `${sample}.csv`, contentHash: sha256Of(bytes) };
}
