"use client";

import { isActive, type RunStatus } from "@/contracts/runStatus";
import type { RunTarget } from "@/contracts/runTarget";
import { LineChart } from "@/components/charts/LineChart";
import { curveCharts } from "./curveCharts";
import { progressUnit } from "./progressUnit";
import { metricLabel, metricValue } from "@/components/metrics/metricText";
import { Button } from "@/components/ui/Button";
import { useResizableHeight } from "@/components/ui/useResizableHeight";
import { IgnoredCacheBadge } from "./IgnoredCacheBadge";
import { RunStatusBadge } from "./RunStatusBadge";
import { ServerTrialsTable } from "./ServerTrialsTable";
import type { RunProgress } from "./runProgress";

export interface RunSummary {
  runId: string;
  status: RunStatus;
  target: RunTarget;
  backend?: string;
  /** Every node re-executes instead of reusing cached outputs. */
  ignoreCache?: boolean;
  error?: { nodeId?: string; message: string };
}

/** Live view of one run: status, training curves per node, final metrics and logs. */
export function RunPanel({
  projectId,
  hasTuner,
  nodeInfo,
  run,
  startingBrowser = false,
  progress,
  onCancel,
  onClose,
}: {
  projectId: string;
  /** Whether the pipeline has a tuner, whose server trials are then listed live. */
  hasTuner: boolean;
  /** Node id -> its kind (to name the steps of training curves) and the name the user sees. */
  nodeInfo: ReadonlyMap<string, { kind: string; name: string; label?: string }>;
  run: RunSummary;
  /** The browser runner is still loading TensorFlow.js or choosing its backend, so no node has started. */
  startingBrowser?: boolean;
  progress: RunProgress;
  onCancel(): void;
  onClose(): void;
}) {
  const curves = Object.entries(progress.curves);
  const metrics = Object.entries(progress.metrics);
  const active = isActive(run.status);
  const { height, handleProps } = useResizableHeight("vajra.runPanelHeight", 200, 40);
  return (
    <section className="relative flex shrink-0 flex-col border-t border-slate-200 bg-white" style={{ height }} aria-label="Run">
      <div
        {...handleProps}
        aria-label="Resize run panel (drag, or arrow keys)"
        className="absolute inset-x-0 -top-1 h-2 cursor-row-resize hover:bg-indigo-200 focus:bg-indigo-300 focus:outline-none"
      />
      <header className="flex items-center gap-2 border-b border-slate-100 px-3 py-1.5">
        <h2 className="text-sm font-semibold">Run</h2>
        <RunStatusBadge status={run.status} testId="run-status" />
        {run.ignoreCache && <IgnoredCacheBadge />}
        <span className="text-xs text-slate-500">
          {run.target === "browser" ? "in this browser" : "on a server worker"}
          {run.backend ? ` · ${run.backend}` : ""}
          {startingBrowser && active && <span data-testid="run-starting"> · starting TensorFlow.js…</span>}
        </span>
        <span className="ml-auto" />
        {active && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <button type="button" onClick={onClose} className="text-slate-400 hover:text-slate-700" aria-label="Close run panel">
          ×
        </button>
      </header>
      <div className="flex min-h-0 flex-1 flex-wrap gap-6 overflow-auto p-3">
        {run.error && (
          <p className="w-full text-sm text-rose-700" role="alert">
            {run.error.nodeId ? `${nodeInfo.get(run.error.nodeId)?.name ?? run.error.nodeId} failed: ` : ""}
            {run.error.message}
          </p>
        )}
        {metrics.map(([nodeId, values]) => (
          <div key={nodeId} className="flex flex-col gap-1">
            <h3 className="text-xs font-semibold text-slate-600">{nodeInfo.get(nodeId)?.name ?? nodeId} metrics</h3>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs" data-testid={`metrics-${nodeId}`}>
              {Object.entries(values).map(([name, value]) => (
                <div key={name} className="contents">
                  <dt className="text-slate-500" title={name}>
                    {metricLabel(name)}
                  </dt>
                  <dd className="font-mono font-semibold">{metricValue(name, value)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
        {curves.flatMap(([nodeId, series]) =>
          curveCharts(series).map((chart) => (
            <div key={`${nodeId}-${chart.title}`} className="w-80">
              <h3 className="text-xs font-semibold text-slate-600">
                {nodeInfo.get(nodeId)?.name ?? nodeId} {chart.title}
              </h3>
              <LineChart
                title={`${nodeInfo.get(nodeId)?.name ?? nodeId} ${chart.title} curves`}
                xLabel={progressUnit(nodeInfo.get(nodeId)?.kind)}
                series={chart.series.map(({ name, points }) => ({ name, points: points.map((p) => ({ x: p.epoch, y: p.value })) }))}
              />
            </div>
          )),
        )}
        {run.target === "server" && hasTuner && <ServerTrialsTable projectId={projectId} runId={run.runId} active={active} />}
        {progress.logs.length > 0 && (
          <ol className="w-full font-mono text-[11px] text-slate-600" aria-label="Run log">
            {progress.logs.map((log, i) => (
              <li key={i} className={log.level === "error" ? "text-rose-700" : log.level === "warn" ? "text-amber-700" : ""}>
                [{nodeInfo.get(log.nodeId)?.label ?? log.nodeId}] {log.message}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
