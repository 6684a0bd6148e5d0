import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { formatDate } from "@/components/ui/formatDate";
import type { ScheduledRun } from "./types";

type Run = Pick<ScheduledRun, "id" | "status" | "createdAt" | "slot" | "error">;

/** What a slot key says in words: "slot 06:00 …" for a cron slot, "version 3" for a dataset trigger. */
function slotLabel(slot: string | null): string {
  if (slot === null) return "";
  if (/^v\d+$/.test(slot)) return `for version ${slot.slice(1)}`;
  const date = new Date(slot);
  return Number.isNaN(date.getTime()) ? "" : `for the ${formatDate(date)} slot`;
}

/** Scheduled runs, newest first, each linking to its run on the Runs page with its outcome and, when it failed, why. */
export function ScheduledRunsList({ projectId, pipelineId, runs, label }: { projectId: string; pipelineId: string; runs: Run[]; label: string }) {
  if (runs.length === 0) return <p className="text-xs text-slate-500">No scheduled runs yet.</p>;
  return (
    <ul className="flex flex-col gap-1 text-xs" aria-label={label}>
      {runs.map((run) => (
        <li key={run.id} className="flex flex-wrap items-center gap-2">
          <RunStatusBadge status={run.status} />
          <Link href={`/projects/${projectId}/runs?pipeline=${pipelineId}&run=${run.id}`} className="text-indigo-700 hover:underline">
            Run of {formatDate(run.createdAt)}
          </Link>
          <span className="text-slate-500">{slotLabel(run.slot)}</span>
          {run.error && <span className="basis-full pl-1 text-rose-700">{run.error}</span>}
        </li>
      ))}
    </ul>
  );
}
