import { z } from "zod";
import type { Db } from "../db";

/** Where a registered version came from, copied at registration: runs are deleted with their pipeline, versions are not. */
export const registryLineageSchema = z.object({
  runId: z.string().nullable(),
  pipelineId: z.string().nullable(),
  pipelineName: z.string().nullable(),
  pipelineVersion: z.number().int().nullable(),
  nodeId: z.string(),
  /** Dataset reference -> the version the run read, as the run recorded it. */
  datasetVersions: z.record(z.string(), z.unknown()),
});
export type RegistryLineage = z.infer<typeof registryLineageSchema>;

export function parseRegistryLineage(json: string): RegistryLineage | null {
  const parsed = registryLineageSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export async function lineageOf(db: Db, artifactId: string): Promise<RegistryLineage> {
  const artifact = await db.artifact.findUniqueOrThrow({
    where: { id: artifactId },
    include: { producedBy: { include: { run: { include: { pipelineVersion: { include: { pipeline: { select: { id: true, name: true } } } } } } } } },
  });
  const run = artifact.producedBy?.run;
  let datasetVersions: Record<string, unknown> = {};
  try {
    datasetVersions = z.record(z.string(), z.unknown()).parse(JSON.parse(run?.datasetVersions ?? "{}"));
  } catch {
    datasetVersions = {};
  }
  return {
    runId: run?.id ?? null,
    pipelineId: run?.pipelineVersion.pipeline.id ?? null,
    pipelineName: run?.pipelineVersion.pipeline.name ?? null,
    pipelineVersion: run?.pipelineVersion.number ?? null,
    nodeId: artifact.nodeId,
    datasetVersions,
  };
}
