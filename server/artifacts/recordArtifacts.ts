import type { Artifact } from "@/pipeline/runtime/artifactCache";
import type { Db } from "../db";
import type { BlobStore } from "./blobStore";
import { serializedArtifactChunks } from "./artifactSerialization";
import { isUniqueViolation } from "../db/uniqueViolation";

/** Where an input of the producing node came from: the upstream node's fingerprint and output port. */
export interface ArtifactSource {
  port: string;
  fingerprint: string;
  output: string;
}

export interface StepArtifacts {
  projectId: string;
  /** The StepRun that computed these outputs (null when it is not known, e.g. a run deleted since). */
  stepRunId: string | null;
  nodeId: string;
  fingerprint: string;
  outputs: Record<string, Artifact>;
  inputs: ArtifactSource[];
}

/**
 * Stores a node's outputs as Artifacts with lineage edges to the artifacts they
 * were computed from. A node's outputs are written in one transaction, so the
 * cache never sees half of them. The same fingerprint in the same project is
 * stored once: whichever side computed it first (server worker or browser) owns it.
 * Returns artifact ids by output port.
 */
export async function recordStepArtifacts(db: Db, blobs: BlobStore, step: StepArtifacts): Promise<Record<string, string>> {
  // Blobs first, even when the rows exist: a blob lost from the store is restored by the recomputation that found it missing.
  // Streamed: a large table's JSON is never whole in memory beside the table.
  const stored = await Promise.all(
    Object.entries(step.outputs).map(async ([port, artifact]) => ({
      port,
      artifact,
      blob: await blobs.putStream(serializedArtifactChunks(artifact.value)),
    })),
  );
  const existing = await db.artifact.findMany({ where: { projectId: step.projectId, fingerprint: step.fingerprint } });
  if (existing.length > 0) return Object.fromEntries(existing.map((a) => [a.port, a.id]));
  const upstream = await Promise.all(
    step.inputs.map(async (source) => ({
      port: source.port,
      artifact: await db.artifact.findUnique({
        where: { projectId_fingerprint_port: { projectId: step.projectId, fingerprint: source.fingerprint, port: source.output } },
        select: { id: true },
      }),
    })),
  );
  try {
    return await db.$transaction(async (tx) => {
      const ids: Record<string, string> = {};
      for (const { port, artifact, blob } of stored) {
        const created = await tx.artifact.create({
          data: {
            projectId: step.projectId,
            portType: artifact.type,
            contentHash: artifact.hash,
            storageKey: blob.key,
            bytes: blob.bytes,
            nodeId: step.nodeId,
            port,
            fingerprint: step.fingerprint,
            producedById: step.stepRunId,
            inputs: {
              create: upstream.flatMap((u) => (u.artifact ? [{ port: u.port, inputId: u.artifact.id }] : [])),
            },
          },
        });
        ids[port] = created.id;
      }
      return ids;
    });
  } catch (error) {
    // Another worker stored the same fingerprint at the same moment: theirs is as good as ours.
    if (!isUniqueViolation(error)) throw error;
    const winners = await db.artifact.findMany({ where: { projectId: step.projectId, fingerprint: step.fingerprint } });
    return Object.fromEntries(winners.map((a) => [a.port, a.id]));
  }
}
