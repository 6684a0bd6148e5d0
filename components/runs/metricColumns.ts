import { metricLabel } from "@/components/metrics/metricText";

export interface Evaluation {
  nodeId: string;
  label: string | null;
  metrics: Record<string, number>;
}

export interface MetricColumn {
  nodeId: string;
  metric: string;
  heading: string;
}

/** Headline metrics first: what people compare runs by (higher-is-better scores, then errors). */
const HEADLINE = ["accuracy", "r2", "rocAuc", "macroF1", "rmse", "logLoss", "mae", "weightedF1", "mse"];

export const MAX_METRIC_COLUMNS = 3;

/**
 * A runs list's metric columns: the Evaluate nodes' metrics across the listed runs, headline metrics first
 * (each node's best-known metric before any node's second), at most three. A column is named by the metric,
 * and by the node's label (else id) when more than one Evaluate node has results.
 */
export function metricColumns(runs: readonly { evaluations: readonly Evaluation[] }[]): MetricColumn[] {
  const nodes = new Map<string, { label: string | null; metrics: Set<string> }>();
  for (const run of runs) {
    for (const evaluation of run.evaluations) {
      const node = nodes.get(evaluation.nodeId) ?? { label: null, metrics: new Set<string>() };
      // Runs come newest first: the newest name the user gave the node is the one shown.
      node.label ??= evaluation.label;
      for (const name of Object.keys(evaluation.metrics)) node.metrics.add(name);
      nodes.set(evaluation.nodeId, node);
    }
  }
  const rank = (metric: string) => (HEADLINE.includes(metric) ? HEADLINE.indexOf(metric) : HEADLINE.length);
  const candidates = [...nodes].flatMap(([nodeId, node]) =>
    [...node.metrics].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((metric, place) => ({ nodeId, metric, place, label: node.label ?? nodeId })),
  );
  candidates.sort((a, b) => a.place - b.place || rank(a.metric) - rank(b.metric));
  return candidates.slice(0, MAX_METRIC_COLUMNS).map(({ nodeId, metric, label }) => ({
    nodeId,
    metric,
    heading: nodes.size > 1 ? `${metricLabel(metric)} · ${label}` : metricLabel(metric),
  }));
}

/** A run's value in a column, or null when that run has no such result. */
export function metricCell(run: { evaluations: readonly Evaluation[] }, column: MetricColumn): number | null {
  return run.evaluations.find((e) => e.nodeId === column.nodeId)?.metrics[column.metric] ?? null;
}
