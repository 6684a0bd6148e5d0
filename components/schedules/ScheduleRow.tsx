"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { formatDate } from "@/components/ui/formatDate";
import { ScheduledRunsList } from "./ScheduledRunsList";
import { cronText, slotText } from "./slotText";
import type { ScheduleItem } from "./types";
import { refreshQueries } from "@/components/trpc/refreshQueries";

interface Props {
  projectId: string;
  pipelineId: string;
  schedule: ScheduleItem;
  canEdit: boolean;
}

function NextRun({ schedule }: { schedule: ScheduleItem }) {
  if (schedule.paused) return <span className="text-amber-700">Paused</span>;
  if (schedule.kind === "dataset") {
    return (
      <span>
        Runs when {schedule.dataset?.name ?? "the dataset"} gets a version after v{schedule.lastDatasetVersion ?? 0}
      </span>
    );
  }
  if (!schedule.nextRunAt) return <span>No further runs</span>;
  const text = slotText(schedule.nextRunAt, schedule.timeZone ?? "UTC");
  return (
    <span data-testid="schedule-next-run">
      Next run: {text.inZone}
      {text.local && <span className="text-slate-500"> · {text.local}</span>}
    </span>
  );
}

/** One schedule: what fires it, when it runs next, pause/resume and delete (with confirmation) for editors. */
export function ScheduleRow({ projectId, pipelineId, schedule, canEdit }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => refreshQueries(queryClient, { queryKey: trpc.schedule.list.queryKey({ projectId, pipelineId }) });
  const pause = useMutation(trpc.schedule.pause.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.schedule.resume.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.schedule.delete.mutationOptions({ onSuccess: refresh }));
  const ref = { projectId, scheduleId: schedule.id };
  const title =
    schedule.kind === "cron"
      ? `${cronText(schedule.cron ?? "")} · ${schedule.timeZone}`
      : `When ${schedule.dataset?.name ?? "a deleted dataset"} gets a new version`;
  const busy = pause.isPending || resume.isPending;
  const error = pause.error ?? resume.error;

  return (
    <li className="flex flex-col gap-1 rounded-md border border-slate-200 p-3 text-sm" aria-label={title}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{title}</span>
        {schedule.kind === "cron" && (
          <span className="text-xs text-slate-500">{schedule.missedPolicy === "skip" ? "missed slots skipped" : "a missed slot runs once at start-up"}</span>
        )}
        {canEdit && (
          <span className="ml-auto flex gap-1">
            {schedule.paused ? (
              <Button variant="secondary" onClick={() => resume.mutate(ref)} disabled={busy}>
                Resume
              </Button>
            ) : (
              <Button variant="secondary" onClick={() => pause.mutate(ref)} disabled={busy}>
                Pause
              </Button>
            )}
            <Button variant="ghost" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          </span>
        )}
      </div>
      <div className="text-xs text-slate-700">
        <NextRun schedule={schedule} />
      </div>
      <div className="text-xs text-slate-500">
        Added by {schedule.createdBy?.name || schedule.createdBy?.email || "a former member"} · last fired {formatDate(schedule.lastFiredAt)}
      </div>
      {schedule.recentRuns.length > 0 && (
        <ScheduledRunsList projectId={projectId} pipelineId={pipelineId} runs={schedule.recentRuns} label="Latest run of this schedule" />
      )}
      {error && <Alert>{error.message}</Alert>}
      {confirmDelete && (
        <ConfirmDialog
          title="Delete schedule?"
          confirmLabel="Delete schedule"
          tone="danger"
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate(ref, { onSuccess: () => setConfirmDelete(false) })}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>
            <strong>{title}</strong> will start no more runs. The runs it already started stay in the Runs list.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
