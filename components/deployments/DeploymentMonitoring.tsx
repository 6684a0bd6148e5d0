"use client";

import { useQuery } from "@tanstack/react-query";
import { LineChart } from "@/components/charts/LineChart";
import { Alert } from "@/components/ui/Alert";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "./types";

const ms = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)} ms`);
const NO_REQUESTS = "No requests in this window.";

type FeatureDrift = RouterOutputs["deployment"]["drift"]["features"][number];

/** Bar colour by the statistic's band against its threshold (driftLevel in server/deployments/drift.ts). */
const LEVEL_STYLE = {
  ok: { bar: "bg-emerald-500", label: "ok" },
  warn: { bar: "bg-amber-500", label: "watch" },
  alert: { bar: "bg-rose-500", label: "drift" },
} as const;

/** One feature: a bar (the threshold at its middle) once there are enough samples to judge, otherwise why there is none. */
function DriftRow({ drift: f }: { drift: FeatureDrift }) {
  if (f.statistic === null || f.level === "no-data" || f.level === "too-few")
    return (
      <li className="flex items-center gap-2" data-level={f.level}>
        <span className="w-40 truncate font-mono">{f.feature}</span>
        <span className="flex-1 text-slate-500 italic">
          {f.level === "too-few" ? `not enough traffic (n = ${f.recent} < ${f.minRecent})` : "no traffic yet"}
        </span>
      </li>
    );
  const style = LEVEL_STYLE[f.level];
  return (
    <li className="flex items-center gap-2" data-level={f.level}>
      <span className="w-40 truncate font-mono">{f.feature}</span>
      <span className="relative h-3 flex-1 rounded bg-slate-100" title={`${style.label}: ${f.recent} samples`}>
        <span className={`absolute inset-y-0 left-0 rounded ${style.bar}`} style={{ width: `${Math.min(100, (f.statistic / (2 * f.threshold)) * 100)}%` }} />
        {/* The threshold sits at the middle of the bar. */}
        <span className="absolute inset-y-0 left-1/2 w-px bg-slate-700" />
      </span>
      <span className="w-48 font-mono">
        {f.test.toUpperCase()} {f.statistic.toFixed(3)} / {f.threshold.toFixed(3)} {style.label}
      </span>
    </li>
  );
}

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
            {stats.data.requests === 0 ? (
              <p data-testid="no-requests" className="rounded-md border border-dashed border-slate-300 p-4 text-center text-xs text-slate-500">
                {NO_REQUESTS} Send one from “Try it” above, or with the examples.
              </p>
            ) : (
              <>
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
                  empty={NO_REQUESTS}
                  series={[{ name: "p95", points: stats.data.buckets.flatMap((b) => (b.p95 === null ? [] : [{ x: minutes(b.start), y: b.p95 }])) }]}
                />
              </>
            )}
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
        {drift.data && drift.data.features.length === 0 && (
          <p className="text-xs text-slate-500">
            {drift.data.versionNumber === null ? "No version is serving." : "This version's training data was not recorded, so drift cannot be measured."}
          </p>
        )}
        {drift.data && drift.data.features.length > 0 && (
          <ul aria-label="Drift per feature" className="flex flex-col gap-1 text-xs">
            {drift.data.features.map((f) => (
              <DriftRow key={f.feature} drift={f} />
            ))}
          </ul>
        )}
        {drift.data && (
          <p className="text-xs text-slate-500">
            {drift.data.samples === 0 ? "No traffic yet: drift is measured on served inputs." : `${drift.data.samples} sampled inputs compared.`}
          </p>
        )}
      </div>
    </section>
  );
}
