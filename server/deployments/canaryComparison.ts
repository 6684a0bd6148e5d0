import { z } from "zod";
import { countIntoBins, histogramBins } from "@/pipeline/ml/plots/statistics";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { aliasMoveOnPromotion } from "./canary";
import { flushRequestLogs } from "./requestLog";
import { parseSignature } from "./signature";
import { summarize } from "./stats";

/** Regression outputs of both versions share about this many round-edged bins, so the two histograms line up. */
const HISTOGRAM_BINS = 10;
/** How an unscored row (preprocessing dropped it) is counted among the labels. */
export const NO_PREDICTION = "(no prediction)";

const outputsSchema = z.array(z.union([z.string(), z.number(), z.null()]));

export type PredictionDistribution =
  { kind: "labels"; labels: string[]; counts: number[][] } | { kind: "histogram"; bins: { from: number; to: number }[]; counts: number[][] };

function parseOutputs(json: string): (string | number | null)[] {
  const parsed = outputsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

/** Label counts (classifiers) or a shared histogram (regression), one count row per version, same columns for all. */
export function predictionDistribution(regression: boolean, outputsPerVersion: (string | number | null)[][]): PredictionDistribution {
  if (regression) {
    const values = outputsPerVersion.map((outputs) => outputs.filter((v): v is number => typeof v === "number" && Number.isFinite(v)));
    const all = values.flat();
    if (all.length === 0) return { kind: "histogram", bins: [], counts: values.map(() => []) };
    // Round edges shared by every version (no "5.33e-15" bin labels from min + i × width).
    const edges = histogramBins(all, HISTOGRAM_BINS);
    return {
      kind: "histogram",
      bins: edges.map((b) => ({ from: b.x0, to: b.x1 })),
      counts: values.map((vs) => countIntoBins(edges, vs).map((b) => b.count)),
    };
  }
  const labelled = outputsPerVersion.map((outputs) => outputs.map((v) => (v === null ? NO_PREDICTION : String(v))));
  const labels = [...new Set(labelled.flat())].sort();
  return { kind: "labels", labels, counts: labelled.map((vs) => labels.map((label) => vs.filter((v) => v === label).length)) };
}

/**
 * The current version and the canary side by side over the last `windowMinutes`: requests, error rate, latency
 * percentiles, and what each predicted (from the outputs each request log keeps). Without a canary, the current
 * version alone, so the panel can show what a canary will be compared with.
 */
export async function compareCanary(db: Db, projectId: string, deploymentId: string, windowMinutes: number) {
  const deployment = await db.deployment.findFirst({
    where: { id: deploymentId, projectId },
    include: { registeredModel: { select: { name: true } }, versions: { select: { id: true, number: true, signature: true, registeredVersionId: true } } },
  });
  if (!deployment) throw new DomainError("notFound", "Deployment not found in this project.");
  const byId = new Map(deployment.versions.map((v) => [v.id, v]));
  // A canary that became current by another route (Versions, an alias move) answers everything: no canary to compare.
  const canaryId = deployment.canaryVersionId === deployment.currentVersionId ? null : deployment.canaryVersionId;
  const shown = [deployment.currentVersionId, canaryId].flatMap((id) => (id === null ? [] : [byId.get(id)!]));
  await flushRequestLogs(db);
  const logs = await db.requestLog.findMany({
    where: { deploymentId, versionId: { in: shown.map((v) => v.id) }, createdAt: { gte: new Date(Date.now() - windowMinutes * 60_000) } },
    select: { versionId: true, latencyMs: true, status: true, outputs: true },
  });
  const regression = shown.length > 0 && shown.every((v) => parseSignature(v.signature).task === "regression");
  const logsOf = (versionId: string) => logs.filter((l) => l.versionId === versionId);
  const distribution = predictionDistribution(
    regression,
    shown.map((v) => logsOf(v.id).flatMap((l) => (l.status < 400 ? parseOutputs(l.outputs) : []))),
  );
  const versions = shown.map((v, i) => {
    const summary = summarize(logsOf(v.id));
    return {
      role: v.id === deployment.currentVersionId ? ("current" as const) : ("canary" as const),
      versionId: v.id,
      number: v.number,
      ...summary,
      errorRate: summary.requests === 0 ? null : summary.errors / summary.requests,
      predictionCounts: distribution.counts[i]!,
    };
  });
  const canary = canaryId === null ? null : byId.get(canaryId)!;
  const promotion = canary ? await aliasMoveOnPromotion(db, deployment, canary) : null;
  return {
    windowMinutes,
    canary: canary ? { versionId: canary.id, number: canary.number, percent: deployment.canaryPercent } : null,
    versions,
    /** The columns each version's predictionCounts count: labels, or histogram bins. */
    distribution:
      distribution.kind === "labels" ? { kind: distribution.kind, labels: distribution.labels } : { kind: distribution.kind, bins: distribution.bins },
    /** What promoting will do to a followed alias, said before the user confirms. */
    promotion:
      promotion === null
        ? { movesAlias: null, refused: null }
        : "refused" in promotion
          ? { movesAlias: null, refused: promotion.refused }
          : { movesAlias: { alias: promotion.alias, modelName: promotion.modelName }, refused: null },
  };
}
