import type { ModelArtifact } from "@/pipeline/spec/portValues";
import type { BlobStore } from "../artifacts/blobStore";
import { deserializeArtifact } from "../artifacts/artifactSerialization";
import type { Db } from "../db";
import { parseSignature, type ModelSignature } from "./signature";

export interface ServedModel {
  versionId: string;
  versionNumber: number;
  signature: ModelSignature;
  model: ModelArtifact;
}

/**
 * Deployed models in memory, keyed by model version id: a version's artifact never
 * changes, so it is read and decoded once and stays warm. The promise itself is
 * cached so concurrent first requests share one load; a failed load is forgotten
 * so the next request retries.
 */
const loaded = new Map<string, Promise<ServedModel>>();

export function loadModelVersion(db: Db, blobs: BlobStore, versionId: string): Promise<ServedModel> {
  let served = loaded.get(versionId);
  if (served === undefined) {
    served = readVersion(db, blobs, versionId);
    loaded.set(versionId, served);
    served.catch(() => loaded.delete(versionId));
  }
  return served;
}

async function readVersion(db: Db, blobs: BlobStore, versionId: string): Promise<ServedModel> {
  const version = await db.modelVersion.findUniqueOrThrow({ where: { id: versionId } });
  return { versionId, versionNumber: version.number, signature: parseSignature(version.signature), model: await readModel(db, blobs, version.artifactId) };
}

export async function readModel(db: Db, blobs: BlobStore, artifactId: string): Promise<ModelArtifact> {
  const row = await db.artifact.findUnique({ where: { id: artifactId } });
  if (!row || row.portType !== "Model") throw new Error(`Artifact ${artifactId} is not a stored model`);
  // The port type says Model, so the decoded value is a ModelArtifact.
  return deserializeArtifact(await blobs.get(row.storageKey)) as ModelArtifact;
}
