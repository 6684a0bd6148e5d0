import { z } from "zod";
import type { Db } from "../db";
import { nodeLabelsOf } from "./nodeLabels";

const metricsSchema = z.record(z.string(), z.number());

/** The node kind whose metrics are a run's results: held-out scores, not training figures. */
const EVALUATE_KIND = "evaluate";

export interface RunEvaluation {
  nodeId: string;
  /** The node's name in the run's pipeline version, when the user gave it one. */
  label: string | null;
  metrics: Record<string, number>;
}

/** Per run, the metrics of its succeeded Evaluate steps (in node order), for a runs list's metric columns. */
export async function runEvaluations(db: Db, runs: { id: string; pipelineVersionId: string }[]): Promise<Map<string, RunEvaluation[]>> {
  if (runs.length === 0) return new Map();
  const [steps, versions] = await Promise.all([
    db.stepRun.findMany({
      where: { runId: { in: runs.map((r) => r.id) }, kind: EVALUATE_KIND, status: "succeeded" },
      orderBy: { nodeId: "asc" },
      select: { runId: true, nodeId: true, metrics: true },
    }),
    db.pipelineVersion.findMany({ where: { id: { in: [...new Set(runs.map((r) => r.pipelineVersionId))] } }, select: { id: true, graph: true } }),
  ]);
  const labelsByVersion = new Map(versions.map((v) => [v.id, nodeLabelsOf(v.graph)]));
  return new Map(
    runs.map((run) => {
      const labels = labelsByVersion.get(run.pipelineVersionId) ?? {};
      const evaluations = steps
        .filter((step) => step.runId === run.id)
        .map((step) => ({ nodeId: step.nodeId, label: labels[step.nodeId] ?? null, metrics: metricsSchema.parse(JSON.parse(step.metrics)) }));
      return [run.id, evaluations];
    }),
  );
}
