import type { Db } from "../db";
import { parseRegistryLineage } from "../registry/registryLineage";

/** Unregistered Model artifacts offered besides registered versions: the newest few are what users deploy. */
const UNREGISTERED_LIMIT = 50;

function parseMetrics(json: string): Record<string, number> {
  return JSON.parse(json) as Record<string, number>;
}

/**
 * What can be deployed or promoted: registered models with their versions (number, aliases,
 * metrics, the run that trained them), then Model artifacts not registered yet, named by
 * pipeline, node and run time so two runs of one pipeline can be told apart.
 */
export async function deployableModels(db: Db, projectId: string) {
  const models = await db.registeredModel.findMany({
    where: { projectId },
    orderBy: { updatedAt: "desc" },
    include: { versions: { orderBy: { number: "desc" }, include: { aliases: { select: { name: true } } } } },
  });
  const registeredArtifactIds = models.flatMap((m) => m.versions.map((v) => v.artifactId));
  const artifacts = await db.artifact.findMany({
    where: { projectId, portType: "Model", id: { notIn: registeredArtifactIds } },
    orderBy: { createdAt: "desc" },
    take: UNREGISTERED_LIMIT,
    select: {
      id: true,
      nodeId: true,
      createdAt: true,
      producedBy: { select: { runId: true, metrics: true, run: { select: { pipelineVersion: { select: { pipeline: { select: { name: true } } } } } } } },
    },
  });
  return {
    registered: models.map((m) => ({
      id: m.id,
      name: m.name,
      versions: m.versions.map((v) => {
        const lineage = parseRegistryLineage(v.lineage);
        return {
          id: v.id,
          number: v.number,
          artifactId: v.artifactId,
          aliases: v.aliases.map((a) => a.name).sort(),
          metrics: parseMetrics(v.metrics),
          runId: lineage?.runId ?? null,
          pipelineName: lineage?.pipelineName ?? null,
          createdAt: v.createdAt,
        };
      }),
    })),
    unregistered: artifacts.map((a) => ({
      artifactId: a.id,
      nodeId: a.nodeId,
      pipelineName: a.producedBy?.run.pipelineVersion.pipeline.name ?? null,
      runId: a.producedBy?.runId ?? null,
      metrics: a.producedBy ? parseMetrics(a.producedBy.metrics) : {},
      createdAt: a.createdAt,
    })),
  };
}
