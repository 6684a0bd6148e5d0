import type { Db } from "../db";
import { parseSignature } from "./signature";

export function endpointPath(slug: string): string {
  return `/api/v1/endpoints/${slug}/predict`;
}

export const deploymentInclude = {
  versions: { orderBy: { number: "desc" as const } },
  keys: { where: { revokedAt: null }, select: { prefix: true, createdAt: true } },
};

type DeploymentRow = NonNullable<Awaited<ReturnType<typeof findDeployment>>>;

export function findDeployment(db: Db, projectId: string, deploymentId: string) {
  return db.deployment.findFirst({ where: { id: deploymentId, projectId }, include: deploymentInclude });
}

/** A deployment as the API returns it: limits, versions (newest first) with signatures and metrics, and the live key's prefix. */
export function deploymentView(row: DeploymentRow) {
  const versions = row.versions.map((v) => ({
    id: v.id,
    number: v.number,
    artifactId: v.artifactId,
    createdAt: v.createdAt,
    metrics: JSON.parse(v.metrics) as Record<string, number>,
    signature: parseSignature(v.signature),
  }));
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status === "active" ? ("active" as const) : ("stopped" as const),
    public: row.public,
    path: endpointPath(row.slug),
    limits: { maxInstances: row.maxInstances, maxBodyBytes: row.maxBodyBytes, rateLimitPerSecond: row.rateLimitPerSecond, rateLimitBurst: row.rateLimitBurst },
    createdAt: row.createdAt,
    current: versions.find((v) => v.id === row.currentVersionId) ?? null,
    previous: versions.find((v) => v.id === row.previousVersionId) ?? null,
    versions,
    keyPrefix: row.keys[0]?.prefix ?? null,
  };
}
