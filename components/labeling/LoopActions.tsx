"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import type { QueueDetail } from "./types";
import { refreshQueries } from "@/components/trpc/refreshQueries";

type Asking = "commit" | "retrain" | null;

/** Commit the labels as a dataset version, or close the loop: commit, retrain the pipeline, sample the next round. */
export function LoopActions({ projectId, queue }: { projectId: string; queue: QueueDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { projectId, queueId: queue.id };
  const [asking, setAsking] = useState<Asking>(null);
  const [done, setDone] = useState<{ text: string; runId?: string; datasetId?: string } | null>(null);
  const refresh = () =>
    Promise.all([
      refreshQueries(queryClient, { queryKey: trpc.labeling.queue.queryKey(ref) }),
      refreshQueries(queryClient, { queryKey: trpc.labeling.listQueues.queryKey({ projectId }) }),
    ]);
  const commit = useMutation(
    trpc.labeling.commit.mutationOptions({
      onSuccess: async (outcome) => {
        setAsking(null);
        setDone({
          text: `Committed ${outcome.committed} labels: ${outcome.datasetName} v${outcome.versionNumber} holds ${outcome.rowCount} labelled rows.`,
          datasetId: outcome.datasetId,
        });
        await refresh();
      },
    }),
  );
  const retrain = useMutation(
    trpc.labeling.retrain.mutationOptions({
      onSuccess: async (outcome) => {
        setAsking(null);
        setDone({
          text: `Round ${outcome.round} started with ${outcome.labelCount} labels${outcome.commit ? ` (committed ${outcome.commit.committed} new ones as v${outcome.commit.versionNumber})` : ""}.`,
          runId: outcome.runId,
        });
        await refresh();
      },
    }),
  );
  const datasetName = queue.dataset?.name ?? queue.name;
  const labelled = queue.counts.labelled;

  return (
    <section className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Close the loop">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={queue.pendingLabels === 0} onClick={() => setAsking("commit")}>
          Commit {queue.pendingLabels} {queue.pendingLabels === 1 ? "label" : "labels"}
        </Button>
        <Button disabled={queue.pipeline === null || labelled === 0} onClick={() => setAsking("retrain")}>
          Retrain and sample again
        </Button>
      </div>
      {queue.pipeline === null && <p className="text-xs text-slate-500">The pipeline that filled this queue was deleted; its labels are all kept.</p>}
      {done && (
        <Alert tone="success">
          {done.text}{" "}
          {done.runId && (
            <Link href={`/projects/${projectId}/runs?run=${done.runId}`} className="font-medium underline">
              Follow the run
            </Link>
          )}
          {done.datasetId && (
            <Link href={`/projects/${projectId}/datasets/${done.datasetId}`} className="font-medium underline">
              Open the dataset
            </Link>
          )}
        </Alert>
      )}
      {asking === "commit" && (
        <ConfirmDialog
          title={`Commit ${queue.pendingLabels} labels?`}
          confirmLabel="Commit"
          pending={commit.isPending}
          error={commit.error?.message ?? null}
          onConfirm={() => commit.mutate(ref)}
          onCancel={() => setAsking(null)}
        >
          <p>
            Adds a new version of the dataset <strong>{datasetName}</strong> holding all {labelled} labelled rows (each row&apos;s values and its{" "}
            {queue.targetColumn}). Earlier versions stay as they are.
          </p>
        </ConfirmDialog>
      )}
      {asking === "retrain" && queue.pipeline && (
        <ConfirmDialog
          title="Retrain and sample again?"
          confirmLabel="Retrain"
          pending={retrain.isPending}
          error={retrain.error?.message ?? null}
          onConfirm={() => retrain.mutate(ref)}
          onCancel={() => setAsking(null)}
        >
          <p>
            {queue.pendingLabels > 0 && (
              <>
                Commits the {queue.pendingLabels} new labels to {datasetName}, then runs{" "}
              </>
            )}
            {queue.pendingLabels === 0 && <>Runs </>}
            the pipeline <strong>{queue.pipeline.name}</strong> on a server worker. A Load node reading {datasetName} trains on its newest version ({labelled}{" "}
            labels); the Uncertainty sampler then queues the next round here.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
