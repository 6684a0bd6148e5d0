"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/**
 * Deletes the dataset after saying what it breaks: the pipelines (saved versions or drafts) that read it
 * by name, which will fail to run until they load another one. Past runs keep their lineage (the bytes' hash).
 */
export function DeleteDatasetButton({ projectId, dataset }: { projectId: string; dataset: { id: string; name: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const usage = useQuery({ ...trpc.dataset.usage.queryOptions({ projectId, datasetId: dataset.id }), enabled: open });
  const remove = useMutation(
    trpc.dataset.delete.mutationOptions({
      onSuccess: async () => {
        await refreshQueries(queryClient, { queryKey: trpc.dataset.list.queryKey({ projectId }) });
        router.push(`/projects/${projectId}#datasets`);
      },
    }),
  );
  const pipelines = usage.data?.pipelines ?? [];
  const active = (usage.data?.activeRuns ?? 0) + (usage.data?.activeBatchPredictions ?? 0);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete dataset
      </Button>
      {open && (
        <ConfirmDialog
          title={`Delete “${dataset.name}”?`}
          confirmLabel="Delete dataset and all its versions"
          tone="danger"
          pending={remove.isPending}
          error={remove.error?.message ?? usage.error?.message ?? null}
          confirmDisabled={usage.data === undefined || active > 0}
          onConfirm={() => remove.mutate({ projectId, datasetId: dataset.id })}
          onCancel={() => {
            setOpen(false);
            remove.reset();
          }}
        >
          <p>Every version of this dataset is deleted. Past runs keep their results and lineage (which file they read, by its hash).</p>
          {usage.isPending && <p className="text-slate-500">Checking which pipelines use it…</p>}
          {usage.data && pipelines.length === 0 && <p>No pipeline reads it.</p>}
          {pipelines.length > 0 && (
            <>
              <p className="font-medium">
                {pipelines.length === 1 ? "This pipeline reads it" : `These ${pipelines.length} pipelines read it`} and will fail to run until its Load node
                reads another dataset:
              </p>
              <ul className="list-disc pl-5" aria-label="Pipelines that use this dataset">
                {pipelines.map((p) => (
                  <li key={p.id}>
                    <Link href={`/projects/${projectId}/pipelines/${p.id}`} className="text-indigo-700 hover:underline">
                      {p.name}
                    </Link>{" "}
                    <span className="text-slate-500">
                      (
                      {[
                        p.versions.length > 0 ? `saved version${p.versions.length === 1 ? "" : "s"} ${p.versions.join(", ")}` : null,
                        p.inDraft ? "a draft" : null,
                      ]
                        .filter(Boolean)
                        .join(" and ")}
                      )
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {active > 0 && (
            <p className="text-rose-700">
              {usage.data!.activeRuns > 0 ? `${usage.data!.activeRuns} run(s)` : ""}
              {usage.data!.activeRuns > 0 && usage.data!.activeBatchPredictions > 0 ? " and " : ""}
              {usage.data!.activeBatchPredictions > 0 ? `${usage.data!.activeBatchPredictions} batch prediction(s)` : ""} are reading it now: wait for them to
              finish or cancel them first.
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
