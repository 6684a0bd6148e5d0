"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { formatDate } from "@/components/ui/formatDate";
import { cronText } from "./slotText";

/** Scheduled work fails with nobody watching, so the project page says so until a later run of the schedule succeeds. */
const REFRESH_MS = 30_000;

/** A warning block on the project page listing schedules whose latest run failed, each linking to that run; nothing when none failed. */
export function FailingSchedules({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const failures = useQuery({ ...trpc.schedule.projectFailures.queryOptions({ projectId }), refetchInterval: REFRESH_MS });
  if (!failures.data || failures.data.length === 0) return null;
  return (
    <section aria-label="Failing scheduled runs" className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-sm text-rose-900">
      <h2 className="font-semibold">
        {failures.data.length === 1 ? "A scheduled pipeline is failing" : `${failures.data.length} scheduled pipelines are failing`}
      </h2>
      <ul className="mt-2 flex flex-col gap-2">
        {failures.data.map(({ run, pipeline, schedule }) => (
          <li key={schedule.id}>
            <Link href={`/projects/${projectId}/pipelines/${pipeline.id}`} className="font-medium underline">
              {pipeline.name}
            </Link>{" "}
            <span className="text-rose-800">
              ({schedule.kind === "cron" ? `${cronText(schedule.cron ?? "")}, ${schedule.timeZone}` : `when ${schedule.datasetName ?? "a dataset"} changes`})
            </span>
            {": "}
            <Link href={`/projects/${projectId}/runs?pipeline=${pipeline.id}&run=${run.id}`} className="underline">
              run of {formatDate(run.createdAt)} failed
            </Link>
            {run.error && <span className="block text-xs text-rose-700">{run.error}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
