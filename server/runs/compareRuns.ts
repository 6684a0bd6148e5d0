import { canonicalJson } from "@/pipeline/spec/canonicalJson";
import type { Db } from "../db";
import { nodeLabelsOf } from "./nodeLabels";
import { runDetail } from "./runViews";
import { parseStoredSpec } from "./specForRun";

/**
 * Two runs side by side, node by node (matched by node id, named by the label the user gave it):
 * params from each run's pipeline version and metrics from each run's step.
 */
export async function compareRuns(db: Db, projectId: string, runIds: [string, string]) {
  const runs = await Promise.all(runIds.map((id) => runDetail(db, projectId, id)));
  if (runs.some((run) => run === null)) return null;
  const [a, b] = runs as [NonNullable<(typeof runs)[0]>, NonNullable<(typeof runs)[0]>];
  const versions = await db.pipelineVersion.findMany({ where: { id: { in: [a.version.id, b.version.id] } }, select: { id: true, spec: true, graph: true } });
  const specOf = (versionId: string) => {
    const json = versions.find((v) => v.id === versionId)?.spec;
    return json ? parseStoredSpec(json) : null;
  };
  const specs = [specOf(a.version.id), specOf(b.version.id)] as const;
  // Run B's name wins when the node was renamed between the two versions: it is the newer one people pick second.
  const labels = { ...nodeLabelsOf(versions.find((v) => v.id === a.version.id)?.graph), ...nodeLabelsOf(versions.find((v) => v.id === b.version.id)?.graph) };
  const nodeIds = [...new Set([...(specs[0]?.nodes ?? []), ...(specs[1]?.nodes ?? [])].map((n) => n.id))];
  const nodes = nodeIds.map((nodeId) => {
    const nodeA = specs[0]?.nodes.find((n) => n.id === nodeId) ?? null;
    const nodeB = specs[1]?.nodes.find((n) => n.id === nodeId) ?? null;
    const stepA = a.steps.find((s) => s.nodeId === nodeId) ?? null;
    const stepB = b.steps.find((s) => s.nodeId === nodeId) ?? null;
    return {
      nodeId,
      label: labels[nodeId] ?? null,
      kind: nodeA?.kind ?? nodeB?.kind ?? "unknown",
      params: [nodeA?.params ?? null, nodeB?.params ?? null] as const,
      paramsEqual: nodeA !== null && nodeB !== null && canonicalJson(nodeA.params) === canonicalJson(nodeB.params),
      metrics: [stepA?.metrics ?? null, stepB?.metrics ?? null] as const,
      fingerprints: [stepA?.fingerprint ?? null, stepB?.fingerprint ?? null] as const,
      cacheHit: [stepA?.cacheHit ?? null, stepB?.cacheHit ?? null] as const,
    };
  });
  const { steps: _a, ...summaryA } = a;
  const { steps: _b, ...summaryB } = b;
  return { runs: [summaryA, summaryB] as const, nodes };
}
