import { proportions, type TrainingProfile } from "./trainingProfile";

/** PSI above this is the usual "significant shift" line for categorical features. */
export const PSI_THRESHOLD = 0.2;
/** A KS statistic below this is ignored however many samples make it significant. */
const KS_FLOOR = 0.1;
/** c(α) for α = 0.05 in the two-sample KS critical value. */
const KS_C_ALPHA = 1.358;
/**
 * Fewer recent values than this give no verdict. With a handful of samples one odd row moves a category's share by
 * 20% or more, so PSI reaches several times its threshold on perfectly ordinary traffic (we saw PSI 9.2 on 5 samples);
 * 30 is the usual small-sample line, where a single row moves a share by about 3%.
 */
export const MIN_RECENT = 30;
/** Half the threshold starts the warning band: PSI's conventional bands are < 0.1 stable, 0.1–0.2 moderate shift, > 0.2 significant. */
const WARN_FRACTION = 0.5;

/** How a feature reads: no traffic yet, too few samples for a verdict, or the statistic's band against its threshold. */
export type DriftLevel = "no-data" | "too-few" | "ok" | "warn" | "alert";

export interface FeatureDrift {
  feature: string;
  test: "ks" | "psi";
  /** Null without any recent value: no statistic is better than a made-up 0. */
  statistic: number | null;
  threshold: number;
  level: DriftLevel;
  drifted: boolean;
  recent: number;
  /** The sample size below which the level is "too-few". */
  minRecent: number;
}

/** The band a statistic falls in; only enough samples get a verdict. */
export function driftLevel(statistic: number | null, threshold: number, recent: number): DriftLevel {
  if (statistic === null || recent === 0) return "no-data";
  if (recent < MIN_RECENT) return "too-few";
  if (statistic > threshold) return "alert";
  return statistic > WARN_FRACTION * threshold ? "warn" : "ok";
}

function verdict(feature: string, test: FeatureDrift["test"], statistic: number | null, threshold: number, recent: number): FeatureDrift {
  const level = driftLevel(statistic, threshold, recent);
  return { feature, test, statistic, threshold, level, drifted: level === "alert", recent, minRecent: MIN_RECENT };
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
      const statistic = n > 0 && m > 0 ? ksStatistic(reference.sample, values) : null;
      const threshold = m > 0 && n > 0 ? Math.max(KS_FLOOR, KS_C_ALPHA * Math.sqrt((n + m) / (n * m))) : 1;
      return verdict(feature, "ks", statistic, threshold, m);
    }
    const values = recent
      .map((r) => r[feature])
      .filter((v) => v !== null && v !== undefined)
      .map(String);
    return verdict(feature, "psi", values.length > 0 ? psi(reference.frequencies, proportions(values)) : null, PSI_THRESHOLD, values.length);
  });
}
