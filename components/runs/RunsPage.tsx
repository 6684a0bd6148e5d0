"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useEffect, useState } from "react";
import { isActive } from "@/contracts/runStatus";
import { Alert } from "@/components/ui/Alert";
import { formatDate } from "@/components/ui/formatDate";
import { DeployButton } from "@/components/deployments/DeployButton";
import { ModelServingLinks } from "@/components/deployments/ModelServingLinks";
import { RegisteredVersionLinks } from "@/components/registry/RegisteredVersionLinks";
import { StoredPreview } from "@/components/preview/StoredPreview";
import { isPreviewable } from "@/pipeline/runtime/previewable";
import { useTRPC } from "@/components/trpc/client";
import { RunComparison } from "./RunComparison";
import { formatDuration } from "@/components/ui/formatDuration";
import { RunQueueActions } from "./RunQueueActions";
import { RunStatusCell } from "./RunStatusCell";
import { TableCsvLink } from "@/components/batchPredictions/downloadLinks";
import { metricLabel, metricValue } from "@/components/metrics/metricText";
import { metricCell, metricColumns } from "./metricColumns";

function RunSteps({ projectId, runId, canEdit }: { projectId: string; runId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.run.get.queryOptions({ projectId, runId }));
  const [shown, setShown] = useState<string | null>(null);
  if (!run.data) return <p className="p-2 text-xs text-slate-500">Loading steps…</p>;
  return (
    <table className="w-full text-xs" aria-label="Steps">
      <thead className="text-left text-slate-500">
        <tr>
          <th className="py-1 pr-3 pl-6 font-normal">Step</th>
          <th className="px-3 py-1 font-normal">Kind</th>
          <th className="px-3 py-1 font-normal">Status</th>
          <th className="px-3 py-1 font-normal">Duration</th>
          <th className="px-3 py-1 font-normal">Metrics</th>
          <th className="px-3 py-1 font-normal">Outputs</th>
        </tr>
      </thead>
      <tbody>
        {run.data.steps.map((step) => (
          <Fragment key={step.id}>
            <tr className="border-t border-slate-100 align-top">
              <td className="py-1 pr-3 pl-6" title={step.nodeId}>
                {step.label ?? <span className="font-mono">{step.nodeId}</span>}
              </td>
              <td className="px-3 py-1">{step.kind}</td>
              <td className="px-3 py-1">{step.cacheHit ? "cached" : step.status}</td>
              <td className="px-3 py-1 whitespace-nowrap">{formatDuration(step.durationMs)}</td>
              <td className="px-3 py-1">
                {Object.entries(step.metrics)
                  .slice(0, 4)
                  .map(([name, value]) => `${metricLabel(name)} ${metricValue(name, value)}`)
                  .join(" · ")}
              </td>
              <td className="px-3 py-1">
                {step.artifacts
                  .filter((a) => isPreviewable(a.portType))
                  .map((a) => (
                    <button
                      key={`show-${a.id}`}
                      type="button"
                      aria-expanded={shown === a.id}
                      onClick={() => setShown(shown === a.id ? null : a.id)}
                      className="mr-2 rounded bg-indigo-50 px-1.5 text-indigo-700 hover:bg-indigo-100"
                    >
                      {shown === a.id ? `Hide ${a.port}` : `Show ${a.port}`}
                    </button>
                  ))}
                {step.artifacts.map((a) => (
                  <Link key={a.id} href={`/projects/${projectId}/artifacts/${a.id}`} className="mr-2 text-indigo-700 hover:underline">
                    {a.port} lineage
                  </Link>
                ))}
                {step.artifacts.map((a) => (
                  <TableCsvLink key={`csv-${a.id}`} projectId={projectId} artifact={a} label={`${a.port} CSV`} />
                ))}
                {step.artifacts
                  .filter((a) => a.portType === "Model")
                  .map((a) => (
                    <Fragment key={`deploy-${a.id}`}>
                      <RegisteredVersionLinks projectId={projectId} artifactId={a.id} canEdit={canEdit} />
                      <ModelServingLinks projectId={projectId} artifactId={a.id} />
                      {canEdit && <DeployButton projectId={projectId} artifactId={a.id} />}
                    </Fragment>
                  ))}
              </td>
            </tr>
            {step.artifacts.some((a) => a.id === shown) && (
              <tr>
                <td colSpan={6} className="px-6 py-3">
                  <StoredPreview projectId={projectId} artifactId={shown!} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Every run of the project (or of one pipeline: ?pipeline=<id>, as the breadcrumbs link): who, where, which version,
 * how long, how it ended and its main Evaluate metrics; pick two to compare. A queued or running server run can be
 * cancelled, and a waiting one moved to the front, by editors (viewers never write).
 */
export function RunsPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const isEditor = project.data !== undefined && project.data.role !== "viewer";
  const [picked, setPicked] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // Deployment pages and breadcrumbs link here with ?run=<id> to show one run, and with ?pipeline=<id> to show one pipeline's runs.
  const linkedRun = searchParams.get("run");
  useEffect(() => setOpen(linkedRun), [linkedRun]);
  const pipelineId = searchParams.get("pipeline") ?? "";
  const pipelines = useQuery(trpc.pipeline.list.queryOptions({ projectId }));
  const runs = useQuery({
    ...trpc.run.list.queryOptions({ projectId, ...(pipelineId ? { pipelineId } : {}) }),
    refetchInterval: (query) => (query.state.data?.some((r) => isActive(r.status)) ? 1500 : false),
  });
  const filterByPipeline = (id: string) => {
    setPicked([]);
    router.replace(id ? `${pathname}?pipeline=${encodeURIComponent(id)}` : pathname);
  };
  const columns = metricColumns(runs.data ?? []);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Runs</h1>
        <label className="flex items-center gap-2 text-sm">
          Pipeline
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1"
            value={pipelineId}
            onChange={(e) => filterByPipeline(e.target.value)}
            aria-label="Filter by pipeline"
          >
            <option value="">All pipelines</option>
            {pipelines.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {runs.error && <Alert>{runs.error.message}</Alert>}
      {runs.data?.length === 0 &&
        (pipelineId ? (
          <Alert tone="info">
            This pipeline has no runs yet.{" "}
            <Link href={`/projects/${projectId}/pipelines/${pipelineId}`} className="text-indigo-700 hover:underline">
              Open it
            </Link>{" "}
            and press Run, or{" "}
            <button type="button" className="text-indigo-700 hover:underline" onClick={() => filterByPipeline("")}>
              show all pipelines
            </button>
            .
          </Alert>
        ) : (
          <Alert tone="info">No runs yet. Open a pipeline and press Run.</Alert>
        ))}
      {runs.data && runs.data.length > 0 && (
        <table className="w-full rounded-xl border border-slate-200 bg-white text-sm shadow-sm" aria-label="Runs">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="p-2">Compare</th>
              <th className="p-2">Status</th>
              <th className="p-2">Pipeline</th>
              <th className="p-2">Where</th>
              <th className="p-2">Started by</th>
              <th className="p-2">Started</th>
              <th className="p-2">Duration</th>
              {columns.map((column) => (
                <th key={`${column.nodeId}-${column.metric}`} className="p-2 text-right" title={`${column.metric} of ${column.nodeId}`}>
                  {column.heading}
                </th>
              ))}
              <th className="p-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <Fragment key={run.id}>
                <tr className="cursor-pointer border-t border-slate-100 hover:bg-slate-50" onClick={() => setOpen(open === run.id ? null : run.id)}>
                  <td className="p-2" onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" aria-label={`Compare run ${run.id}`} checked={picked.includes(run.id)} onChange={() => toggle(run.id)} />
                  </td>
                  <td className="p-2">
                    <RunStatusCell run={run} />
                  </td>
                  <td className="p-2">
                    {/* The canvas opens a pipeline's latest draft; an older version is restored from its History panel. */}
                    <Link
                      href={`/projects/${projectId}/pipelines/${run.pipeline.id}`}
                      className="text-indigo-700 hover:underline"
                      onClick={(e) => e.stopPropagation()}
                      title={`Open ${run.pipeline.name}: this run used version ${run.version.number} (History in the canvas restores it)`}
                    >
                      {run.pipeline.name} · v{run.version.number}
                    </Link>
                    {run.targetNodeId ? ` · to ${run.targetNodeId}` : ""}
                  </td>
                  <td className="p-2">
                    {run.target}
                    {run.backend ? ` · ${run.backend}` : ""}
                  </td>
                  <td className="p-2">{run.startedBy.name || run.startedBy.email}</td>
                  <td className="p-2">{formatDate(run.createdAt)}</td>
                  <td className="p-2">{formatDuration(run.durationMs)}</td>
                  {columns.map((column) => {
                    const value = metricCell(run, column);
                    return (
                      <td key={`${column.nodeId}-${column.metric}`} className="p-2 text-right font-mono tabular-nums">
                        {value === null ? "–" : metricValue(column.metric, value)}
                      </td>
                    );
                  })}
                  <td className="p-2">{run.target === "server" && isActive(run.status) && isEditor && <RunQueueActions projectId={projectId} run={run} />}</td>
                </tr>
                {run.error && open !== run.id && (
                  <tr>
                    <td />
                    <td colSpan={7 + columns.length} className="px-2 pb-2 text-xs text-rose-700">
                      {run.error.nodeId ? `${run.error.nodeId}: ` : ""}
                      {run.error.message}
                    </td>
                  </tr>
                )}
                {open === run.id && (
                  <tr>
                    <td colSpan={8 + columns.length}>
                      <RunSteps projectId={projectId} runId={run.id} canEdit={isEditor} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {picked.length === 2 && <RunComparison projectId={projectId} runIds={[picked[0]!, picked[1]!]} />}
    </div>
  );
}
