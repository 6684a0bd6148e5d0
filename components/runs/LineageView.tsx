"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/Alert";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { StoredPreview } from "@/components/preview/StoredPreview";
import { isPreviewable } from "@/pipeline/runtime/previewable";
import { formatDuration } from "@/components/ui/formatDuration";
import { RunStatusBadge } from "./RunStatusBadge";
import { TableCsvLink } from "@/components/batchPredictions/downloadLinks";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-3 text-sm">
      <dt className="w-40 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </div>
  );
}

/** Where an artifact came from: data, code version, params and the run that made it. */
export function LineageView({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const trpc = useTRPC();
  const lineage = useQuery(trpc.artifact.lineage.queryOptions({ projectId, artifactId }));
  if (lineage.error) return <Alert>{lineage.error.message}</Alert>;
  if (!lineage.data) return <p className="text-sm text-slate-500">Tracing lineage…</p>;
  const { artifact, run, step, pipelineVersion, node, datasets, upstream } = lineage.data;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">
        Lineage of {artifact.label ?? artifact.nodeId}.{artifact.port} <span className="text-base font-normal text-slate-500">({artifact.portType})</span>
      </h1>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Artifact">
        <dl className="flex flex-col gap-1">
          <Field label="Content hash">
            <code className="text-xs">{artifact.contentHash}</code>
          </Field>
          <Field label="Fingerprint">
            <code className="text-xs">{artifact.fingerprint}</code>
          </Field>
          <Field label="Size">{artifact.bytes.toLocaleString("en")} bytes</Field>
          <Field label="Created">{formatDate(artifact.createdAt)}</Field>
        </dl>
      </section>
      {isPreviewable(artifact.portType) && (
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Contents">
          <StoredPreview projectId={projectId} artifactId={artifactId} />
          <p className="mt-2 text-sm">
            <TableCsvLink projectId={projectId} artifact={artifact} />
          </p>
        </section>
      )}
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Produced by">
        <h2 className="mb-2 font-semibold">Produced by</h2>
        <dl className="flex flex-col gap-1">
          {pipelineVersion && (
            <Field label="Pipeline version">
              <Link className="text-indigo-700 hover:underline" href={`/projects/${projectId}/pipelines/${pipelineVersion.pipelineId}`}>
                v{pipelineVersion.number} · {pipelineVersion.message}
              </Link>
            </Field>
          )}
          {run && (
            <Field label="Run">
              <RunStatusBadge status={run.status} /> {run.target}
              {run.backend ? ` · ${run.backend}` : ""} · {run.startedBy.name || run.startedBy.email} · {formatDate(run.createdAt)}
            </Field>
          )}
          {step && (
            <Field label="Step">
              {step.label ? `${step.label} (${step.nodeId}, ${step.kind})` : `${step.nodeId} (${step.kind})`} · {formatDuration(step.durationMs)}
            </Field>
          )}
          {node && (
            <Field label="Node params">
              <pre className="rounded bg-slate-50 p-2 text-xs" data-testid="lineage-params">
                {JSON.stringify(node.params, null, 2)}
              </pre>
            </Field>
          )}
        </dl>
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Input datasets">
        <h2 className="mb-2 font-semibold">Input datasets</h2>
        <ul className="flex flex-col gap-1 text-sm">
          {datasets.map((d) => (
            <li key={d.reference}>
              <span className="font-medium">{d.reference}</span>
              {d.version ? ` · version ${d.version.number} (${d.version.fileName})` : ""} · <code className="text-xs">{d.contentHash ?? "hash unknown"}</code>
            </li>
          ))}
        </ul>
      </section>
      {upstream.length > 0 && (
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Upstream artifacts">
          <h2 className="mb-2 font-semibold">Upstream artifacts</h2>
          <ul className="flex flex-col gap-1 text-sm">
            {upstream.map((u) => (
              <li key={u.id}>
                <Link className="text-indigo-700 hover:underline" href={`/projects/${projectId}/artifacts/${u.id}`}>
                  {u.label ?? u.nodeId}.{u.port}
                </Link>{" "}
                <span className="text-slate-500">({u.portType})</span> <code className="text-xs">{u.contentHash.slice(0, 16)}…</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
