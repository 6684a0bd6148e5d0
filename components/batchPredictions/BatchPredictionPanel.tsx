"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/deployments/types";
import { BatchPredictionForm, type BatchModel } from "./BatchPredictionForm";
import { batchResultUrl, ModelDownloadLink } from "./downloadLinks";
import { refreshQueries } from "@/components/trpc/refreshQueries";

type Batch = RouterOutputs["batchPrediction"]["list"][number];

/** While a batch is queued or running its progress is re-read this often. */
const POLL_MS = 1000;

const STATUS_TONES: Record<Batch["status"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
  cancelled: "bg-amber-100 text-amber-800",
};

const isActive = (batch: Batch) => batch.status === "queued" || batch.status === "running";

interface Props {
  projectId: string;
  /** The model that scores: a deployment's current version, or a registered model version. */
  model: BatchModel;
  features: string[];
  canEdit: boolean;
}

/**
 * Batch predictions with one model: start one over an uploaded table or a dataset version (editors),
 * follow its progress, download the result CSV (one line per input row, keyed by the chosen column),
 * cancel one in progress. The model file itself downloads from here too.
 */
export function BatchPredictionPanel({ projectId, model, features, canEdit }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filter = { projectId, ...model };
  const batches = useQuery({
    ...trpc.batchPrediction.list.queryOptions(filter),
    refetchInterval: (query) => (query.state.data?.some(isActive) ? POLL_MS : false),
  });
  const [cancelling, setCancelling] = useState<Batch | null>(null);
  const cancel = useMutation(trpc.batchPrediction.cancel.mutationOptions());
  const refresh = () => refreshQueries(queryClient, { queryKey: trpc.batchPrediction.list.queryKey(filter) });

  async function confirmCancel() {
    if (!cancelling) return;
    try {
      await cancel.mutateAsync({ projectId, batchId: cancelling.id });
      setCancelling(null);
    } finally {
      await refresh();
    }
  }

  return (
    <section className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Batch predictions">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold">Batch predictions</h2>
        <ModelDownloadLink projectId={projectId} model={model} />
      </div>
      <p className="text-sm text-slate-600">Score a whole table with this model: one prediction per row, downloaded as CSV and keyed by a column you choose.</p>
      {canEdit && <BatchPredictionForm projectId={projectId} model={model} features={features} onStarted={() => void refresh()} />}
      {batches.error && <Alert>{batches.error.message}</Alert>}
      {batches.data && batches.data.length === 0 && <p className="text-sm text-slate-500">No batch predictions with this model yet.</p>}
      {batches.data && batches.data.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Batch prediction jobs">
          {batches.data.map((batch) => (
            <BatchRow key={batch.id} projectId={projectId} batch={batch} canEdit={canEdit} onCancel={() => setCancelling(batch)} />
          ))}
        </ul>
      )}
      {cancelling && (
        <ConfirmDialog
          title="Cancel this batch prediction?"
          confirmLabel="Cancel batch"
          tone="danger"
          pending={cancel.isPending}
          error={cancel.error?.message ?? null}
          onConfirm={() => void confirmCancel()}
          onCancel={() => {
            cancel.reset();
            setCancelling(null);
          }}
        >
          <p>
            Scoring of <strong>{cancelling.inputName}</strong> stops at the next chunk and no result file is kept. Rows already scored are discarded; start it
            again to get predictions.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function BatchRow({ projectId, batch, canEdit, onCancel }: { projectId: string; batch: Batch; canEdit: boolean; onCancel(): void }) {
  const total = batch.rowsTotal ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((batch.rowsDone / total) * 100)) : 0;
  return (
    <li className="flex flex-col gap-1 py-2" data-testid="batch-prediction">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>
          <span className="font-medium">{batch.inputName}</span>
          <span className="text-xs text-slate-500">
            {" "}
            · key {batch.keyColumn ?? "row number"} · {formatDate(batch.createdAt)}
          </span>
        </span>
        <span className="flex items-center gap-2">
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONES[batch.status]}`}>{batch.status}</span>
          {batch.hasResult && (
            <a href={batchResultUrl(projectId, batch.id)} download className="text-indigo-700 hover:underline">
              Download CSV
            </a>
          )}
          {canEdit && isActive(batch) && (
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </span>
      </div>
      <div className="flex items-center gap-2">
        <span
          className="h-1.5 flex-1 overflow-hidden rounded bg-slate-100"
          role="progressbar"
          aria-label={`Progress of ${batch.inputName}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <span className={`block h-full ${batch.status === "failed" ? "bg-rose-400" : "bg-indigo-500"}`} style={{ width: `${percent}%` }} />
        </span>
        <span className="text-xs text-slate-500 tabular-nums">
          {batch.rowsDone.toLocaleString("en")} / {batch.rowsTotal === null ? "?" : batch.rowsTotal.toLocaleString("en")} rows
        </span>
      </div>
      {batch.error && batch.status === "failed" && <Alert>{batch.error}</Alert>}
    </li>
  );
}
