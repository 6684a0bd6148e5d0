import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_DATASET_PREFIX, parseDatasetReference } from "@/pipeline/spec/datasetReference";
import type { DatasetResolver } from "@/pipeline/spec/datasetResolver";
import type { BlobStore } from "../artifacts/blobStore";
import { sha256Of } from "../artifacts/blobStore";
import type { Db } from "../db";
import { findDatasetVersion } from "./datasetLookup";
import { readStoredSchema } from "./storedSchema";

/** The bundled sample datasets, served as static files too (public/datasets). */
export const SAMPLE_DIRECTORY = path.join(process.cwd(), "public", "datasets");
const SAMPLE_NAME = /^[a-z0-9_-]+$/i;

/** A bundled sample's bytes by name, or null when there is none of that name. */
export async function readSample(name: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!SAMPLE_NAME.test(name)) return null;
  return readFile(path.join(SAMPLE_DIRECTORY, `${name}.csv`)).then(
    (bytes) => new Uint8Array(bytes),
    () => null,
  );
}

/** Project datasets are referenced as `dataset:<name>` (or, by older pipelines, `dataset:<Dataset id>`) by Load nodes. */
export { PROJECT_DATASET_PREFIX };

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
 * given a project scope, that project's uploaded dataset versions (by name, id or
 * `name@version`, see pipeline/spec/datasetReference.ts). Only known references
 * resolve, never an arbitrary path, since references come from users.
 */
export function projectDatasets(scope?: ProjectDatasetScope): DatasetResolver {
  return {
    async resolve(reference) {
      const resolved = await resolveReference(reference, scope);
      scope?.onResolved?.(reference, resolved.contentHash);
      return resolved;
    },
    async storedSchema(reference) {
      if (scope === undefined) return undefined;
      const version = await projectVersion(scope, reference);
      return version === null ? undefined : readStoredSchema(scope.db, version);
    },
  };
}

/**
 * The project version a reference reads (the pinned one, else by name / id / number), null for a sample or a
 * bare name that is no project dataset; a `dataset:` reference that names nothing here is an error that says so.
 */
async function projectVersion(scope: ProjectDatasetScope, reference: string) {
  const parsed = parseDatasetReference(reference);
  if (parsed.kind === "sample") return null;
  const version = await findDatasetVersion(scope.db, scope.projectId, reference, scope.pins?.[reference]?.versionId);
  if (version === null && parsed.kind === "project") {
    throw new Error(
      parsed.version === undefined
        ? `Dataset "${parsed.key}" is not in this project: upload it on the project page, or pick one of the project's datasets.`
        : `Dataset "${parsed.key}" has no version ${parsed.version} in this project.`,
    );
  }
  return version;
}

async function resolveReference(reference: string, scope: ProjectDatasetScope | undefined) {
  const version = scope === undefined ? null : await projectVersion(scope, reference);
  if (version !== null && scope !== undefined) {
    return { bytes: await scope.blobs.get(version.storageKey), name: version.fileName, contentHash: version.contentHash };
  }
  const parsed = parseDatasetReference(reference);
  // A bare name that is no project dataset may still be a sample's ("iris").
  const sample = parsed.kind === "sample" ? parsed.name : parsed.kind === "bare" ? parsed.value : undefined;
  if (sample === undefined || !SAMPLE_NAME.test(sample)) {
    throw new Error(`Unknown dataset "${reference}". Use a bundled sample such as sample:iris, or a dataset uploaded to the project (dataset:<name>).`);
  }
  const file = path.join(SAMPLE_DIRECTORY, `${sample}.csv`);
  const bytes = new Uint8Array(
    await readFile(file).catch(() => {
      throw new Error(
        parsed.kind === "bare"
          ? `Unknown dataset "${sample}": no dataset of that name in this project and no such sample. Upload it on the project page.`
          : `No sample dataset named "${sample}".`,
      );
    }),
  );
  return { bytes, name: `${sample}.csv`, contentHash: sha256Of(bytes) };
}
