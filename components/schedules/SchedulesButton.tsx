"use client";

import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { SchedulesDialog } from "./SchedulesDialog";

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
