"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField } from "@/components/ui/SelectField";
import { TextField } from "@/components/ui/TextField";
import { CRON_PRESETS, type MissedPolicy } from "@/contracts/schedules";
import { SlotPreview } from "./SlotPreview";
import { browserTimeZone, timeZones } from "./slotText";
import { refreshQueries } from "@/components/trpc/refreshQueries";

const CUSTOM = "custom";

/** Adds a cron schedule (a preset or any five-field expression, in a time zone) or a dataset trigger to a pipeline. */
export function ScheduleForm({ projectId, pipelineId, onDone }: { projectId: string; pipelineId: string; onDone(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<"cron" | "dataset">("cron");
  const [cron, setCron] = useState<string>(CRON_PRESETS[0].cron);
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [missedPolicy, setMissedPolicy] = useState<MissedPolicy>("run_once");
  const [datasetId, setDatasetId] = useState("");
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(timeZone) ? all : [timeZone, ...all];
  }, [timeZone]);
  const datasets = useQuery(trpc.dataset.list.queryOptions({ projectId }));
  const uploaded = (datasets.data ?? []).flatMap((d) => (d.kind === "project" && d.datasetId ? [{ value: d.datasetId, label: d.name }] : []));
  const create = useMutation(
    trpc.schedule.create.mutationOptions({
      onSuccess: async () => {
        await refreshQueries(queryClient, { queryKey: trpc.schedule.list.queryKey({ projectId, pipelineId }) });
        onDone();
      },
    }),
  );
  const preset = CRON_PRESETS.find((p) => p.cron === cron.trim())?.cron ?? CUSTOM;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({
      projectId,
      pipelineId,
      schedule: kind === "cron" ? { kind, cron: cron.trim(), timeZone, missedPolicy } : { kind, datasetId: datasetId || (uploaded[0]?.value ?? "") },
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="New schedule">
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Runs</legend>
        <label className="flex items-center gap-1">
          <input type="radio" name="schedule-kind" checked={kind === "cron"} onChange={() => setKind("cron")} />
          On a schedule
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="schedule-kind" checked={kind === "dataset"} onChange={() => setKind("dataset")} />
          When a dataset gets a new version
        </label>
      </fieldset>
      {kind === "cron" ? (
        <>
          <div className="grid grid-cols-2 gap-3">
            <SelectField
              label="Repeat"
              value={preset}
              onChange={(e) => e.target.value !== CUSTOM && setCron(e.target.value)}
              options={[...CRON_PRESETS.map((p) => ({ value: p.cron, label: p.label })), { value: CUSTOM, label: "Custom cron expression" }]}
            />
            <TextField
              label="Cron expression"
              value={cron}
              onChange={(e) => setCron(e.target.value)}
              placeholder="minute hour day month weekday"
              spellCheck={false}
              required
            />
            <SelectField
              label="Time zone"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              options={zones.map((z) => ({ value: z, label: z }))}
            />
            <SelectField
              label="Missed while the server was down"
              value={missedPolicy}
              onChange={(e) => setMissedPolicy(e.target.value === "skip" ? "skip" : "run_once")}
              options={[
                { value: "run_once", label: "Run once at start-up" },
                { value: "skip", label: "Skip" },
              ]}
            />
          </div>
          <SlotPreview cron={cron} timeZone={timeZone} />
        </>
      ) : uploaded.length === 0 ? (
        <Alert tone="info">This project has no uploaded datasets yet: upload one on the project page, then add a trigger for it.</Alert>
      ) : (
        <SelectField label="Dataset" value={datasetId || uploaded[0]!.value} onChange={(e) => setDatasetId(e.target.value)} options={uploaded} />
      )}
      {create.error && <Alert>{create.error.message}</Alert>}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending || (kind === "dataset" && uploaded.length === 0)}>
          {create.isPending ? "Adding…" : kind === "cron" ? "Add schedule" : "Add trigger"}
        </Button>
      </div>
    </form>
  );
}
