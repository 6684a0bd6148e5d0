"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/Alert";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { LabelingEmptyState } from "./LabelingEmptyState";
import { QueueCounts } from "./QueueCounts";
import { ProjectSectionHeader } from "@/components/layout/ProjectSectionHeader";

/** The project's labeling queues: what each holds, the pipeline that fills it and the dataset its labels become. */
export function LabelingQueuesPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queues = useQuery(trpc.labeling.listQueues.queryOptions({ projectId }));
  return (
    <div className="flex flex-col gap-6">
      <ProjectSectionHeader projectId={projectId} title="Labeling" />
      {queues.error && <Alert>{queues.error.message}</Alert>}
      {!queues.data && !queues.error && <p className="text-sm text-slate-500">Loading queues…</p>}
      {queues.data?.length === 0 && <LabelingEmptyState projectId={projectId} />}
      {queues.data && queues.data.length > 0 && (
        <table className="w-full rounded-xl border border-slate-200 bg-white text-sm shadow-sm" aria-label="Labeling queues">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="p-2">Queue</th>
              <th className="p-2">Rows</th>
              <th className="p-2">Classes</th>
              <th className="p-2">Filled by</th>
              <th className="p-2">Labelled dataset</th>
              <th className="p-2">Last sampled</th>
            </tr>
          </thead>
          <tbody>
            {queues.data.map((q) => (
              <tr key={q.id} className="border-t border-slate-100 align-top">
                <td className="p-2">
                  <Link href={`/projects/${projectId}/labeling/${q.id}`} className="font-medium text-indigo-700 hover:underline">
                    {q.name}
                  </Link>
                  <p className="text-xs text-slate-500">target {q.targetColumn}</p>
                </td>
                <td className="p-2">
                  <QueueCounts counts={q.counts} />
                </td>
                <td className="p-2 text-xs">{q.classes.join(", ")}</td>
                <td className="p-2">
                  {q.pipeline ? (
                    <Link href={`/projects/${projectId}/pipelines/${q.pipeline.id}`} className="text-indigo-700 hover:underline">
                      {q.pipeline.name}
                    </Link>
                  ) : (
                    <span className="text-xs text-slate-500">pipeline deleted</span>
                  )}
                </td>
                <td className="p-2">
                  {q.dataset ? (
                    <Link href={`/projects/${projectId}/datasets/${q.dataset.id}`} className="text-indigo-700 hover:underline">
                      {q.dataset.name}
                    </Link>
                  ) : (
                    <span className="text-xs text-slate-500">not committed yet</span>
                  )}
                </td>
                <td className="p-2 whitespace-nowrap text-xs">{formatDate(q.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
