import type { Db } from "../db";
import { relatedRegisteredModels } from "./createDeployment";
import { flushRequestLogs } from "./requestLog";

const HOUR_MS = 60 * 60_000;

type ServingRow = {
  id: string;
  name: string;
  status: string;
  public: boolean;
  servedAlias: string | null;
  currentVersionId: string | null;
  registeredModel: { id: string; name: string } | null;
};
const servingSelect = {
  id: true,
  name: true,
  status: true,
  public: true,
  servedAlias: true,
  currentVersionId: true,
  registeredModel: { select: { id: true, name: true } },
} as const;

/** Each deployment with what it serves now: the model, the alias it follows (if any), and the served version's numbers. */
async function describeServing(db: Db, rows: ServingRow[]) {
  const currentIds = rows.map((r) => r.currentVersionId).filter((id) => id !== null);
  const current = await db.modelVersion.findMany({
    where: { id: { in: currentIds } },
    select: { id: true, number: true, artifactId: true, registeredVersionId: true },
  });
  const registeredIds = current.map((v) => v.registeredVersionId).filter((id) => id !== null);
  const registered = new Map(
    (await db.registeredModelVersion.findMany({ where: { id: { in: registeredIds } }, select: { id: true, number: true } })).map((v) => [v.id, v.number]),
  );
  const byId = new Map(current.map((v) => [v.id, v]));
  return rows.map((row) => {
    const version = row.currentVersionId === null ? undefined : byId.get(row.currentVersionId);
    return {
      id: row.id,
      name: row.name,
      status: row.status === "active" ? ("active" as const) : ("stopped" as const),
      public: row.public,
      model: row.registeredModel,
      servedAlias: row.servedAlias,
      served: version
        ? {
            number: version.number,
            artifactId: version.artifactId,
            registeredVersionId: version.registeredVersionId,
            registeredNumber: version.registeredVersionId === null ? null : (registered.get(version.registeredVersionId) ?? null),
          }
        : null,
    };
  });
}

/** The project's deployments for its overview: what each serves, and its requests and errors (status ≥ 400) in the last hour. */
export async function deploymentSummaries(db: Db, projectId: string) {
  // Requests are logged in batches; write the pending ones so the counts include the last moments.
  await flushRequestLogs(db);
  const rows = await db.deployment.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, select: servingSelect });
  const since = new Date(Date.now() - HOUR_MS);
  const where = { deploymentId: { in: rows.map((r) => r.id) }, createdAt: { gte: since } };
  const [requests, errors] = await Promise.all([
    db.requestLog.groupBy({ by: ["deploymentId"], where, _count: { _all: true } }),
    db.requestLog.groupBy({ by: ["deploymentId"], where: { ...where, status: { gte: 400 } }, _count: { _all: true } }),
  ]);
  const requestCount = new Map(requests.map((r) => [r.deploymentId, r._count._all]));
  const errorCount = new Map(errors.map((r) => [r.deploymentId, r._count._all]));
  return (await describeServing(db, rows)).map((d) => ({ ...d, requestsLastHour: requestCount.get(d.id) ?? 0, errorsLastHour: errorCount.get(d.id) ?? 0 }));
}

/**
 * The endpoints that already serve a model, so deploying it again can offer them instead of a
 * second endpoint: for an artifact, every endpoint of a registered model it belongs with
 * (relatedRegisteredModels) and any endpoint that ever served it; `servesIt` marks those serving
 * exactly this artifact now.
 */
export async function endpointsServing(db: Db, projectId: string, of: { artifactId: string } | { registeredModelId: string }) {
  if ("registeredModelId" in of) {
    const rows = await db.deployment.findMany({
      where: { projectId, registeredModelId: of.registeredModelId },
      orderBy: { createdAt: "desc" },
      select: servingSelect,
    });
    return (await describeServing(db, rows)).map((d) => ({ ...d, servesIt: true }));
  }
  const models = await relatedRegisteredModels(db, projectId, of.artifactId);
  const rows = await db.deployment.findMany({
    where: { projectId, OR: [{ registeredModelId: { in: models.map((m) => m.id) } }, { versions: { some: { artifactId: of.artifactId } } }] },
    orderBy: { createdAt: "desc" },
    select: servingSelect,
  });
  return (await describeServing(db, rows)).map((d) => ({ ...d, servesIt: d.served?.artifactId === of.artifactId }));
}
