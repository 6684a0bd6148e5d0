"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { ScheduledRunsList } from "./ScheduledRunsList";
import { ScheduleForm } from "./ScheduleForm";
import { ScheduleRow } from "./ScheduleRow";

interface Props {
  projectId: string;
  pipelineId: string;
  pipelineName: string;
  canEdit: boolean;
  onClose(): void;
}

/** While open, the list follows the scheduler: next slots move on and new runs and their outcomes appear. */
const REFRESH_MS = 3000;

/** A pipeline's schedules and triggers, the form that adds one, and the history of the runs they started. */
export function SchedulesDialog({ projectId, pipelineId, pipelineName, canEdit, onClose }: Props) {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.schedule.list.queryOptions({ projectId, pipelineId }), refetchInterval: REFRESH_MS });
  const [adding, setAdding] = useState(false);
  const schedules = list.data?.schedules ?? [];

  return (
    <Dialog title={`Schedules · ${pipelineName}`} onClose={onClose} wide>
      <p className="text-xs text-slate-600">
        Scheduled runs are ordinary server runs of the latest saved version, started in the batch lane and authored by whoever added the schedule.
      </p>
      {list.error && <Alert>{list.error.message}</Alert>}
      {list.isPending && <p className="text-sm text-slate-500">Loading schedules…</p>}
      {list.data && schedules.length === 0 && !adding && (
        <Alert tone="info">
          No schedules yet.{canEdit ? " Add one to retrain on a timetable or whenever a dataset gets a new version." : " Editors can add them."}
        </Alert>
      )}
      {schedules.length > 0 && (
        <ul className="flex max-h-72 flex-col gap-2 overflow-y-auto" aria-label="Schedules">
          {schedules.map((schedule) => (
            <ScheduleRow key={schedule.id} projectId={projectId} pipelineId={pipelineId} schedule={schedule} canEdit={canEdit} />
          ))}
        </ul>
      )}
      {canEdit &&
        (adding ? (
          <section className="rounded-md border border-indigo-200 p-3">
            <ScheduleForm projectId={projectId} pipelineId={pipelineId} onDone={() => setAdding(false)} />
          </section>
        ) : (
          <div>
            <Button onClick={() => setAdding(true)}>Add schedule or trigger</Button>
          </div>
        ))}
      {list.data && (
        <section className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold text-slate-800">History of scheduled runs</h3>
          <div className="max-h-48 overflow-y-auto">
            <ScheduledRunsList projectId={projectId} pipelineId={pipelineId} runs={list.data.history} label="Scheduled runs" />
          </div>
        </section>
      )}
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
