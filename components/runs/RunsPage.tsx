"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
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

function RunSteps({ projectId, runId, canEdit }: { projectId: string; runId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.run.get.queryOptions({ projectId, runId }));
  const [shown, setShown] = useState<string | null>(null);
  if (!run.data) return <p className="p-2 text-xs text-slate-500">Loading steps…</p>;
  return (
    <table className="w-full text-xs" aria-label="Steps">
      <tbody>
        {run.data.steps.map((step) => (
          <Fragment key={step.id}>
            <tr className="border-t border-slate-100">
              <td className="py-1 pl-6 font-mono">{step.nodeId}</td>
              <td className="py-1">{step.kind}</td>
              <td className="py-1">{step.cacheHit ? "cached" : step.status}</td>
              <td className="py-1">{formatDuration(step.durationMs)}</td>
              <td className="py-1 font-mono">
                {Object.entries(step.metrics)
                  .slice(0, 4)
                  .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
                  .join(" · ")}
              </td>
              <td className="py-1">
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
 * Every run of the project: who, where, which version, how long, how it ended; pick two to compare.
 * A queued or running server run can be cancelled, and a waiting one moved to the front, by editors (viewers never write).
 */
export function RunsPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const isEditor = project.data !== undefined && project.data.role !== "viewer";
  const [picked, setPicked] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  // Deployment pages link here with ?run=<id> to show the run that trained a served model.
  useEffect(() => setOpen(new URLSearchParams(window.location.search).get("run")), []);
  const runs = useQuery({
    ...trpc.run.list.queryOptions({ projectId }),
    refetchInterval: (query) => (query.state.data?.some((r) => isActive(r.status)) ? 1500 : false),
  });
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Runs</h1>
        <Link href={`/projects/${projectId}`} className="text-sm text-indigo-700 hover:underline">
          Back to project
        </Link>
      </div>
      {runs.error && <Alert>{runs.error.message}</Alert>}
      {runs.data?.length === 0 && <Alert tone="info">No runs yet. Open a pipeline and press Run.</Alert>}
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
                    {run.pipeline.name} · v{run.version.number}
                    {run.targetNodeId ? ` · to ${run.targetNodeId}` : ""}
                  </td>
                  <td className="p-2">
                    {run.target}
                    {run.backend ? ` · ${run.backend}` : ""}
                  </td>
                  <td className="p-2">{run.startedBy.name || run.startedBy.email}</td>
                  <td className="p-2">{formatDate(run.createdAt)}</td>
                  <td className="p-2">{formatDuration(run.durationMs)}</td>
                  <td className="p-2">{run.target === "server" && isActive(run.status) && isEditor && <RunQueueActions projectId={projectId} run={run} />}</td>
                </tr>
                {run.error && open !== run.id && (
                  <tr>
                    <td />
                    <td colSpan={7} className="px-2 pb-2 text-xs text-rose-700">
                      {run.error.nodeId ? `${run.error.nodeId}: ` : ""}
                      {run.error.message}
                    </td>
                  </tr>
                )}
                {open === run.id && (
                  <tr>
                    <td colSpan={8}>
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
