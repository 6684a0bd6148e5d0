"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/Button";

// The dialog and its cron library load when it is first opened, not with the canvas.
const SchedulesDialog = dynamic(() => import("./SchedulesDialog").then((module) => module.SchedulesDialog), { ssr: false });

/** The canvas toolbar's "Schedules" command: opens the pipeline's schedules (read-only for viewers). */
export function SchedulesButton(props: { projectId: string; pipelineId: string; pipelineName: string; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} title="Run this pipeline on a schedule or when a dataset changes">
        Schedules
      </Button>
      {open && <SchedulesDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}
