"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { QueueCounts } from "./QueueCounts";

/** How many queues the project page lists before "All queues". */
const SHOWN = 5;

/** The project page's Labeling section: the queues sampled most recently, with what is left to label. */
export function LabelingPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queues = useQuery(trpc.labeling.listQueues.queryOptions({ projectId }));
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Labeling">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-semibold">Labeling</h2>
        <Link href={`/projects/${projectId}/labeling`} className="text-sm text-indigo-700 hover:underline">
          All queues
        </Link>
      </div>
      {queues.error && <p className="text-sm text-rose-600">{queues.error.message}</p>}
      {queues.data?.length === 0 && (
        <p className="text-sm text-slate-500">No labeling queues yet: an Uncertainty sampler node in a pipeline run on the server fills one.</p>
      )}
      <ul className="flex flex-col divide-y divide-slate-100">
        {queues.data?.slice(0, SHOWN).map((q) => (
          <li key={q.id} className="flex flex-wrap items-center gap-3 py-1.5 text-sm">
            <Link href={`/projects/${projectId}/labeling/${q.id}`} className="font-medium text-indigo-700 hover:underline">
              {q.name}
            </Link>
            <QueueCounts counts={q.counts} />
          </li>
        ))}
      </ul>
    </section>
  );
}
