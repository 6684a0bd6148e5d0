import { lowerIsBetter } from "@/pipeline/nodes/evaluateMetrics";

export interface MetricColumn {
  name: string;
  /** The best value in the column, or null when fewer than two versions report it (nothing to compare). */
  best: number | null;
}

/** Losses, errors and durations: a smaller value is the better model. */
function smallerIsBetter(name: string): boolean {
  return lowerIsBetter(name) || /Ms$|loss|error/i.test(name);
}

/**
 * The metric columns for comparing versions side by side: every metric any version reports, in
 * first-seen order (the newest version's first), each with its best value to highlight.
 */
export function metricColumns(versions: { metrics: Record<string, number> }[]): MetricColumn[] {
  const names = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))];
  return names.map((name) => {
    const values = versions.map((v) => v.metrics[name]).filter((value): value is number => value !== undefined && Number.isFinite(value));
    if (values.length < 2) return { name, best: null };
    return { name, best: smallerIsBetter(name) ? Math.min(...values) : Math.max(...values) };
  });
}
