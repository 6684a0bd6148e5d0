import { z } from "zod";
import type { Db } from "../db";
import { parseDatasetPins } from "./datasetPins";
import { nodeLabelsOf } from "./nodeLabels";
import { parseRunError } from "./runEventSchema";
import { parseRetryLog } from "../queue/runQueue";

const metricsSchema = z.record(z.string(), z.number());

export const runSummaryInclude = {
  startedBy: { select: { id: true, email: true, name: true } },
  pipelineVersion: { select: { id: true, number: true } },
  pipeline: { select: { id: true, name: true } },
} as const;

type RunWithSummary = Awaited<ReturnType<Db["run"]["findFirstOrThrow"]>> & {
  startedBy: { id: string; email: string; name: string | null };
  pipelineVersion: { id: string; number: number };
  pipeline: { id: string; name: string };
};

/** What a runs list shows: who, what, where, how long, how it ended. */
export function runSummary(run: RunWithSummary) {
  return {
    id: run.id,
    pipeline: run.pipeline,
    version: run.pipelineVersion,
    target: run.target,
    status: run.status,
    targetNodeId: run.targetNodeId,
    ignoreCache: run.ignoreCache,
    startedBy: run.startedBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    attempts: run.attempts,
    retries: parseRetryLog(run.retryLog),
    lane: run.lane,
    /** Started by a schedule or dataset trigger (the trigger key outlives a deleted schedule). */
    scheduled: run.triggerKey !== null,
    backend: run.backend,
    error: parseRunError(run.error),
  };
}

export async function runDetail(db: Db, projectId: string, runId: string) {
  const run = await db.run.findFirst({
    where: { id: runId, projectId },
    include: { ...runSummaryInclude, steps: { orderBy: { startedAt: "asc" } } },
  });
  if (!run) return null;
  const version = await db.pipelineVersion.findUnique({ where: { id: run.pipelineVersionId }, select: { graph: true } });
  const labels = nodeLabelsOf(version?.graph);
  // Cache hits reuse artifacts an earlier step produced: they are found by fingerprint, not by this step.
  const artifacts = await db.artifact.findMany({
    where: { projectId, fingerprint: { in: run.steps.map((s) => s.fingerprint).filter(Boolean) } },
    select: { id: true, fingerprint: true, port: true, portType: true, contentHash: true, bytes: true, producedById: true },
  });
  return {
    ...runSummary(run),
    datasetVersions: parseDatasetPins(run.datasetVersions),
    steps: run.steps.map((step) => ({
      id: step.id,
      nodeId: step.nodeId,
      /** The node's name in the run's pipeline version, when the user gave it one. */
      label: labels[step.nodeId] ?? null,
      kind: step.kind,
      fingerprint: step.fingerprint,
      cacheHit: step.cacheHit,
      status: step.status,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt,
      durationMs: step.durationMs,
      metrics: metricsSchema.parse(JSON.parse(step.metrics)),
      logs: step.logs,
      error: step.error,
      artifacts: artifacts.filter((a) => a.fingerprint === step.fingerprint).map(({ fingerprint: _fingerprint, ...a }) => a),
    })),
  };
}
