import { metricLabel, metricValue } from "@/components/metrics/metricText";
import { orderedMetricNames } from "@/components/registry/metricColumns";
import { formatDate } from "@/components/ui/formatDate";

/** "iris v3 · champion, challenger": a registered version as users name it. */
export function registeredVersionLabel(modelName: string, number: number, aliases: string[] = []): string {
  return `${modelName} v${number}${aliases.length > 0 ? ` · ${aliases.join(", ")}` : ""}`;
}

/** An unregistered Model artifact, told apart from its siblings by pipeline, node and run time. */
export function unregisteredModelLabel(model: { pipelineName: string | null; nodeId: string; createdAt: Date }): string {
  return `${model.pipelineName ?? "Model"} · ${model.nodeId} · trained ${formatDate(model.createdAt)}`;
}

/** The first few metrics, evaluation figures first: e.g. "accuracy 0.9667 · macro F1 0.9666 · weighted F1 0.9666". */
export function metricsSummary(metrics: Record<string, number>, count = 3): string {
  return orderedMetricNames(Object.keys(metrics))
    .slice(0, count)
    .map((name) => `${metricLabel(name)} ${metricValue(name, metrics[name]!)}`)
    .join(" · ");
}

/** What an endpoint serves: "iris @champion (v3)" when it follows an alias, else "iris v3" (or its own version number before the registry). */
export function servingLabel(serving: {
  modelName: string | null;
  servedAlias: string | null;
  registeredNumber: number | null;
  servedNumber: number | null;
}): string {
  if (serving.servedNumber === null) return "nothing yet";
  if (serving.modelName === null || serving.registeredNumber === null) return `version ${serving.servedNumber}`;
  if (serving.servedAlias !== null) return `${serving.modelName} @${serving.servedAlias} (v${serving.registeredNumber})`;
  return `${serving.modelName} v${serving.registeredNumber}`;
}
