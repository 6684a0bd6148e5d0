import type { Db } from "../db";
import { isPreviewable } from "@/pipeline/runtime/previewable";
import { previewArtifact, type OutputPreview } from "@/pipeline/runtime/previewOutput";
import { deserializeArtifact } from "./artifactSerialization";
import type { BlobStore } from "./blobStore";

export type StoredPreviewResult = { found: false } | { found: true; portType: string; preview: OutputPreview | null };

/**
 * A stored artifact summarised as the canvas preview summarises a fresh one (first
 * rows and column stats, split parts, metrics with a tuner's trials, a label
 * matrix's analysis), so a finished run can be inspected without re-running it.
 * Models and deployments answer `preview: null`: they have their own pages.
 */
export async function readArtifactPreview(db: Db, blobs: BlobStore, projectId: string, artifactId: string): Promise<StoredPreviewResult> {
  const artifact = await db.artifact.findFirst({ where: { id: artifactId, projectId }, select: { storageKey: true, portType: true, nodeId: true } });
  if (!artifact) return { found: false };
  if (!isPreviewable(artifact.portType)) return { found: true, portType: artifact.portType, preview: null };
  const value = deserializeArtifact(await blobs.get(artifact.storageKey));
  return { found: true, portType: artifact.portType, preview: previewArtifact(artifact.nodeId, { type: artifact.portType, value }) };
}
