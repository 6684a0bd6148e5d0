import { formatDuration } from "@/components/ui/formatDuration";
import { formatNumber } from "@/components/ui/formatNumber";

/** Names that camel-case splitting would get wrong. */
const LABELS: Record<string, string> = { r2: "R²", rocAuc: "ROC AUC", mse: "MSE", rmse: "RMSE", mae: "MAE", macroF1: "macro F1", weightedF1: "weighted F1" };

/** A metric's name as people read it: "trainMs" → "train time", "logLoss" → "log loss". */
export function metricLabel(name: string): string {
  if (LABELS[name]) return LABELS[name];
  if (/Ms$/.test(name)) return `${metricLabel(name.slice(0, -2))} time`;
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A metric's value: durations (names ending in "Ms") as times, the rest to 4 significant digits. */
export function metricValue(name: string, value: number | null): string {
  if (value !== null && /Ms$/.test(name)) return formatDuration(value);
  return formatNumber(value);
}
