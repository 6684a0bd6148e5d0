import type { Db } from "../db";
import type { MetricsValue } from "@/pipeline/spec/portValues";
import { deserializeArtifact } from "./artifactSerialization";
import type { BlobStore } from "./blobStore";

export type MetricsArtifactResult = { found: false } | { found: true; portType: string; metrics: MetricsValue | null };

/**
 * A stored Metrics artifact's value, for the app to draw (values, confusion matrix,
 * slices, a tuner's trials) without re-running anything. Other port types answer
 * `metrics: null`: tables and models can be large, and have their own views.
 */
export async function readMetricsArtifact(db: Db, blobs: BlobStore, projectId: string, artifactId: string): Promise<MetricsArtifactResult> {
  const artifact = await db.artifact.findFirst({ where: { id: artifactId, projectId }, select: { storageKey: true, portType: true } });
  if (!artifact) return { found: false };
  if (artifact.portType !== "Metrics") return { found: true, portType: artifact.portType, metrics: null };
  const value = deserializeArtifact(await blobs.get(artifact.storageKey));
  return { found: true, portType: artifact.portType, metrics: value as MetricsValue };
}
