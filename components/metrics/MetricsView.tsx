"use client";

import { HeaderRow } from "@/components/ui/HeaderRow";
import { formatNumber } from "@/components/ui/formatNumber";
import type { MetricsValue } from "@/pipeline/spec/portValues";
import { ConfusionMatrix } from "./ConfusionMatrix";
import { metricLabel, metricValue } from "./metricText";
import { TrialsView } from "./TrialsView";

/** Everything a Metrics value holds: the figures, the confusion matrix, per-slice figures and a tuner's trials. */
export function MetricsView({ metrics }: { metrics: MetricsValue }) {
  const sliceMetrics = [...new Set(metrics.slices?.flatMap((s) => Object.keys(s.values)) ?? [])];
  return (
    <div className="flex flex-col gap-4">
      <p className="text-xs text-slate-500">
        On the {metrics.partition} part, {metrics.rows.toLocaleString("en")} rows
      </p>
      <dl className="grid grid-cols-3 gap-2 text-sm" data-testid="metric-values">
        {Object.entries(metrics.values).map(([name, value]) => (
          <div key={name} className="rounded-md bg-slate-50 p-2">
            <dt className="text-xs text-slate-500" title={name}>
              {metricLabel(name)}
            </dt>
            <dd className="font-semibold">{metricValue(name, value)}</dd>
          </div>
        ))}
      </dl>
      {metrics.classes && metrics.confusion && <ConfusionMatrix classes={metrics.classes} counts={metrics.confusion} />}
      {metrics.slices && metrics.slices.length > 0 && (
        <table className="text-xs" aria-label="Metrics by slice">
          <HeaderRow labels={["column", "value", "rows", ...sliceMetrics]} />
          <tbody>
            {metrics.slices.map((s) => (
              <tr key={`${s.column}=${s.value}`} className="border-t border-slate-100">
                <td className="px-2 py-1">{s.column}</td>
                <td className="px-2 py-1">{s.value}</td>
                <td className="px-2 py-1">{s.rows}</td>
                {sliceMetrics.map((m) => (
                  <td key={m} className="px-2 py-1 font-mono">
                    {formatNumber(s.values[m] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {metrics.trials && metrics.trials.length > 0 && <TrialsView trials={metrics.trials} objective={metrics.objective} bestTrial={metrics.bestTrial} />}
    </div>
  );
}
