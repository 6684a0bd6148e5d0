"use client";

import { useQuery } from "@tanstack/react-query";
import { LineChart } from "@/components/charts/LineChart";
import { Alert } from "@/components/ui/Alert";
import { useTRPC } from "@/components/trpc/client";

const ms = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)} ms`);

/** Traffic, latency percentiles and errors over the last hour, and per-feature drift against training. */
export function DeploymentMonitoring({ projectId, deploymentId }: { projectId: string; deploymentId: string }) {
  const trpc = useTRPC();
  const ref = { projectId, deploymentId };
  const stats = useQuery(trpc.deployment.stats.queryOptions(ref, { refetchInterval: 5000 }));
  const drift = useQuery(trpc.deployment.drift.queryOptions(ref, { refetchInterval: 15000 }));
  // Relative to when the figures were fetched, so a re-render alone never moves the chart.
  const minutes = (start: Date) => (start.getTime() - stats.dataUpdatedAt) / 60_000;
  return (
    <section aria-label="Monitoring" className="grid gap-4 lg:grid-cols-2">
      <div className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold text-slate-800">Traffic (last hour)</h2>
        {stats.data && (
          <>
            <p data-testid="request-stats" className="font-mono text-xs">
              {stats.data.requests} requests · {stats.data.errors} errors · p50 {ms(stats.data.p50)} · p95 {ms(stats.data.p95)} · p99 {ms(stats.data.p99)}
            </p>
            <LineChart
              title="Requests and errors per 5 minutes"
              xLabel="minutes ago"
              series={[
                { name: "requests", points: stats.data.buckets.map((b) => ({ x: minutes(b.start), y: b.requests })) },
                { name: "errors", points: stats.data.buckets.map((b) => ({ x: minutes(b.start), y: b.errors })) },
              ]}
            />
            <LineChart
              title="p95 latency (ms)"
              xLabel="minutes ago"
              series={[{ name: "p95", points: stats.data.buckets.flatMap((b) => (b.p95 === null ? [] : [{ x: minutes(b.start), y: b.p95 }])) }]}
            />
          </>
        )}
      </div>
      <div className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold text-slate-800">Drift (recent inputs vs training)</h2>
        {drift.data && drift.data.features.some((f) => f.drifted) && (
          <Alert>
            Drift detected in{" "}
            {drift.data.features
              .filter((f) => f.drifted)
              .map((f) => f.feature)
              .join(", ")}
            .
          </Alert>
        )}
        {drift.data && (
          <ul aria-label="Drift per feature" className="flex flex-col gap-1 text-xs">
            {drift.data.features.map((f) => (
              <li key={f.feature} className="flex items-center gap-2">
                <span className="w-40 truncate font-mono">{f.feature}</span>
                <span className="relative h-3 flex-1 rounded bg-slate-100">
                  <span
                    className={`absolute inset-y-0 left-0 rounded ${f.drifted ? "bg-rose-500" : "bg-emerald-500"}`}
                    style={{ width: `${Math.min(100, (f.statistic / (2 * f.threshold)) * 100)}%` }}
                  />
                  {/* The threshold sits at the middle of the bar. */}
                  <span className="absolute inset-y-0 left-1/2 w-px bg-slate-700" />
                </span>
                <span className="w-36 font-mono">
                  {f.test.toUpperCase()} {f.statistic.toFixed(3)} / {f.threshold.toFixed(3)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {drift.data && <p className="text-xs text-slate-500">{drift.data.samples} sampled inputs compared.</p>}
      </div>
    </section>
  );
}
