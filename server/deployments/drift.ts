import { proportions, type TrainingProfile } from "./trainingProfile";

/** PSI above this is the usual "significant shift" line for categorical features. */
export const PSI_THRESHOLD = 0.2;
/** A KS statistic below this is ignored however many samples make it significant. */
const KS_FLOOR = 0.1;
/** c(α) for α = 0.05 in the two-sample KS critical value. */
const KS_C_ALPHA = 1.358;
/** Fewer recent values than this give no verdict. */
export const MIN_RECENT = 20;

export interface FeatureDrift {
  feature: string;
  test: "ks" | "psi";
  statistic: number;
  threshold: number;
  drifted: boolean;
  recent: number;
}

/** Two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical CDFs. */
export function ksStatistic(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let gap = 0;
  while (i < x.length && j < y.length) {
    const value = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= value) i++;
    while (j < y.length && y[j]! <= value) j++;
    gap = Math.max(gap, Math.abs(i / x.length - j / y.length));
  }
  return gap;
}

/** Population stability index over the union of categories; empty bins get a small floor so the log stays finite. */
export function psi(expected: Record<string, number>, actual: Record<string, number>): number {
  const floor = 1e-4;
  let total = 0;
  for (const level of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = Math.max(expected[level] ?? 0, floor);
    const a = Math.max(actual[level] ?? 0, floor);
    total += (a - e) * Math.log(a / e);
  }
  return total;
}

/** Compares recent served instances with the training profile, feature by feature. */
export function featureDrift(profile: TrainingProfile, recent: Record<string, unknown>[]): FeatureDrift[] {
  return Object.entries(profile).map(([feature, reference]) => {
    if (reference.kind === "numeric") {
      const values = recent.map((r) => r[feature]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
      const n = reference.sample.length;
      const m = values.length;
      const statistic = n > 0 && m > 0 ? ksStatistic(reference.sample, values) : 0;
      const threshold = m > 0 && n > 0 ? Math.max(KS_FLOOR, KS_C_ALPHA * Math.sqrt((n + m) / (n * m))) : 1;
      return { feature, test: "ks", statistic, threshold, drifted: m >= MIN_RECENT && statistic > threshold, recent: m };
    }
    const values = recent
      .map((r) => r[feature])
      .filter((v) => v !== null && v !== undefined)
      .map(String);
    const statistic = values.length > 0 ? psi(reference.frequencies, proportions(values)) : 0;
    return {
      feature,
      test: "psi",
      statistic,
      threshold: PSI_THRESHOLD,
      drifted: values.length >= MIN_RECENT && statistic > PSI_THRESHOLD,
      recent: values.length,
    };
  });
}
