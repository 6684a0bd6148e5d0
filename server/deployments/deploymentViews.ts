import type { Db } from "../db";
import { signatureDifferences } from "../registry/signatureDifferences";
import { parseSignature } from "./signature";

export function endpointPath(slug: string): string {
  return `/api/v1/endpoints/${slug}/predict`;
}

const deploymentInclude = {
  versions: { orderBy: { number: "desc" as const } },
  keys: { where: { revokedAt: null }, select: { prefix: true, createdAt: true } },
  registeredModel: { select: { id: true, name: true } },
};

type DeploymentRow = NonNullable<Awaited<ReturnType<typeof findDeployment>>>;

/** Where each served copy came from: its registered version (model, number) and the run that trained it. */
async function withOrigins<T extends { versions: { artifactId: string; registeredVersionId: string | null }[] }>(db: Db, rows: T[]) {
  const registeredIds = rows.flatMap((r) => r.versions.map((v) => v.registeredVersionId).filter((id) => id !== null));
  const artifactIds = rows.flatMap((r) => r.versions.map((v) => v.artifactId));
  const [registered, artifacts] = await Promise.all([
    db.registeredModelVersion.findMany({
      where: { id: { in: registeredIds } },
      select: { id: true, number: true, registeredModel: { select: { id: true, name: true } } },
    }),
    db.artifact.findMany({ where: { id: { in: artifactIds } }, select: { id: true, producedBy: { select: { runId: true } } } }),
  ]);
  const registeredById = new Map(
    registered.map((v) => [v.id, { id: v.id, number: v.number, modelId: v.registeredModel.id, modelName: v.registeredModel.name }]),
  );
  const runByArtifact = new Map(artifacts.map((a) => [a.id, a.producedBy?.runId ?? null]));
  return rows.map((row) => ({ ...row, origins: { registered: registeredById, runByArtifact } }));
}

export async function findDeployment(db: Db, projectId: string, deploymentId: string) {
  const row = await db.deployment.findFirst({ where: { id: deploymentId, projectId }, include: deploymentInclude });
  return row ? (await withOrigins(db, [row]))[0]! : null;
}

export async function findDeployments(db: Db, projectId: string) {
  return withOrigins(db, await db.deployment.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, include: deploymentInclude }));
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
    /** The registered version this copy serves (null for copies made before the registry). */
    registered: v.registeredVersionId === null ? null : (row.origins.registered.get(v.registeredVersionId) ?? null),
    runId: row.origins.runByArtifact.get(v.artifactId) ?? null,
  }));
  const live = versions.find((v) => v.id === row.currentVersionId)?.signature;
  // What serving each version instead of the live one would change for clients (see signatureDifferences).
  const compared = versions.map((v) => ({ ...v, differencesFromCurrent: live ? signatureDifferences(live, v.signature) : [] }));
  const current = compared.find((v) => v.id === row.currentVersionId) ?? null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status === "active" ? ("active" as const) : ("stopped" as const),
    public: row.public,
    path: endpointPath(row.slug),
    limits: { maxInstances: row.maxInstances, maxBodyBytes: row.maxBodyBytes, rateLimitPerSecond: row.rateLimitPerSecond, rateLimitBurst: row.rateLimitBurst },
    createdAt: row.createdAt,
    current,
    /** What it serves: a registered model's alias (following it), or the version it is pinned to. */
    registeredModel: row.registeredModel,
    servedAlias: row.servedAlias,
    previous: compared.find((v) => v.id === row.previousVersionId) ?? null,
    versions: compared,
    keyPrefix: row.keys[0]?.prefix ?? null,
  };
}
