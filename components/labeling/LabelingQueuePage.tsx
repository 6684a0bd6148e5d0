"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/Alert";
import { Labeler } from "./Labeler";
import { LearningCurve } from "./LearningCurve";
import { LoopActions } from "./LoopActions";

/** How often the counts refresh while teammates label alongside. */
const REFRESH_MS = 5000;

/** One queue: label its rows (editors), watch the round's progress and who labelled what, and close the loop. */
export function LabelingQueuePage({ projectId, queueId }: { projectId: string; queueId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const queue = useQuery({ ...trpc.labeling.queue.queryOptions({ projectId, queueId }), refetchInterval: REFRESH_MS });
  const back = (
    <Link href={`/projects/${projectId}/labeling`} className="text-sm text-indigo-700 hover:underline">
      All queues
    </Link>
  );
  if (queue.error)
    return (
      <div className="flex flex-col gap-4">
        <Alert>{queue.error.message}</Alert>
        {back}
      </div>
    );
  if (!queue.data || !project.data) return <p className="text-sm text-slate-500">Loading queue…</p>;
  const q = queue.data;
  const canEdit = project.data.role !== "viewer";
  const { round } = q;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{q.name}</h1>
          <p className="text-sm text-slate-600">
            Label the {q.targetColumn} of each row · {q.counts.labelled} labelled, {q.counts.open} to label, {q.counts.skipped} skipped
          </p>
        </div>
        {back}
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-4">
          {canEdit ? (
            <Labeler projectId={projectId} queueId={queueId} classes={q.classes} openCount={q.counts.open} />
          ) : (
            <Alert tone="info">You can follow this queue as a viewer; labelling needs the editor role (ask a project owner).</Alert>
          )}
        </div>
        <div className="flex flex-col gap-4">
          <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Progress">
            <h2 className="font-semibold">Round {round.number}</h2>
            <div
              role="progressbar"
              aria-label="Rows done in this round"
              aria-valuemin={0}
              aria-valuemax={round.total}
              aria-valuenow={round.done}
              className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
            >
              <div className="h-full bg-emerald-500 transition-all" style={{ width: `${round.total === 0 ? 0 : (100 * round.done) / round.total}%` }} />
            </div>
            <p className="text-sm text-slate-700">
              {round.done} / {round.total} done in this round
            </p>
            {q.labelers.length > 0 && (
              <ul className="text-xs text-slate-600" aria-label="Labelers">
                {q.labelers.map((l) => (
                  <li key={l.userId}>
                    {l.name}: {l.labels}
                  </li>
                ))}
              </ul>
            )}
            {q.dataset && (
              <p className="text-xs text-slate-600">
                Labels go to{" "}
                <Link href={`/projects/${projectId}/datasets/${q.dataset.id}`} className="text-indigo-700 hover:underline">
                  {q.dataset.name}
                </Link>
              </p>
            )}
          </section>
          {canEdit && <LoopActions projectId={projectId} queue={q} />}
          <LearningCurve projectId={projectId} rounds={q.rounds} />
        </div>
      </div>
    </div>
  );
}
