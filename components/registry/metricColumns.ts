import { ALL_EVALUATE_METRICS, lowerIsBetter } from "@/pipeline/nodes/evaluateMetrics";

export interface MetricColumn {
  name: string;
  /** The best value in the column, or null when fewer than two versions report it (nothing to compare). */
  best: number | null;
}

/** Losses, errors and durations: a smaller value is the better model. */
function smallerIsBetter(name: string): boolean {
  return lowerIsBetter(name) || /Ms$|loss|error/i.test(name);
}

/** Metric names for display: the Evaluate node's quality metrics first, in their usual order, then the rest (timings) as found. */
export function orderedMetricNames(names: string[]): string[] {
  const rank = (name: string) => {
    const index = (ALL_EVALUATE_METRICS as readonly string[]).indexOf(name);
    return index === -1 ? ALL_EVALUATE_METRICS.length : index;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b));
}

/**
 * The metric columns for comparing versions side by side: every metric any version reports, in
 * orderedMetricNames order, each with its best value to highlight.
 */
export function metricColumns(versions: { metrics: Record<string, number> }[]): MetricColumn[] {
  const names = orderedMetricNames(versions.flatMap((v) => Object.keys(v.metrics)));
  return names.map((name) => {
    const values = versions.map((v) => v.metrics[name]).filter((value): value is number => value !== undefined && Number.isFinite(value));
    if (values.length < 2) return { name, best: null };
    return { name, best: smallerIsBetter(name) ? Math.min(...values) : Math.max(...values) };
  });
}
