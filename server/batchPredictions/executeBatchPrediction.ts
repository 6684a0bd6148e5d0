import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { readModel } from "../deployments/modelCache";
import { signatureOf } from "../deployments/signature";
import { withLeaseHeartbeat } from "../queue/leaseHeartbeat";
import type { BatchPredictionQueue, ClaimedBatch } from "./batchPredictionQueue";
import { checkBatchColumns, readBatchInput } from "./batchInput";
import { scoreTable } from "./scoreBatch";

export interface BatchWorkerDeps {
  db: Db;
  blobs: BlobStore;
  batches: BatchPredictionQueue;
  /** How often the batch's lease is renewed: a third of it. */
  leaseMs: number;
  log?: (message: string) => void;
  /** Rows per predict call (tests make it small to see progress and cancel between chunks). */
  chunkRows?: number;
}

/** A failure the user can act on: its message is the batch's error as is. */
class BatchInputError extends Error {}

/**
 * Claims the next batch prediction and scores it, renewing its lease meanwhile: the input (an upload or
 * a dataset version) is read with the model's feature types, scored in chunks with progress after each,
 * and the result CSV stored for download. Cancelled mid-way, it stops at the next chunk and writes
 * nothing; `outer` aborting (this worker shutting down) hands it back for another worker. False when
 * no batch was waiting.
 */
export async function scoreNextBatch(deps: BatchWorkerDeps, outer: AbortSignal): Promise<boolean> {
  const claimed = await deps.batches.claim();
  if (!claimed) return false;
  deps.log?.(`batch prediction ${claimed.id}: attempt ${claimed.attempt}`);
  const { settled, lost } = await withLeaseHeartbeat(
    deps.leaseMs,
    () => deps.batches.heartbeat(claimed),
    (signal) => score(deps, claimed, signal),
    {
      outer,
      onError: (error) => deps.log?.(`heartbeat for batch ${claimed.id} failed: ${String(error)}`),
    },
  );
  if (lost) {
    deps.log?.(`batch prediction ${claimed.id}: lease lost`);
  } else if (settled.status === "fulfilled") {
    // null: cancelled between chunks (or deleted); the row is not overwritten and finishing only closes the job.
    await deps.batches.finish(claimed, settled.value ?? { error: "Cancelled." });
    deps.log?.(`batch prediction ${claimed.id}: ${settled.value ? "succeeded" : "cancelled"}`);
  } else if (outer.aborted) {
    await deps.batches.release(claimed);
    deps.log?.(`batch prediction ${claimed.id}: handed back`);
  } else {
    const reason: unknown = settled.reason;
    const detail = reason instanceof Error ? reason.message : String(reason);
    deps.log?.(`batch prediction ${claimed.id} failed: ${detail}`);
    // A cancelled batch keeps its status: finish writes only over a running one, and closes the job either way.
    await deps.batches.finish(claimed, { error: reason instanceof BatchInputError ? detail : `The model could not score this input: ${detail}` });
  }
  return true;
}

async function score(deps: BatchWorkerDeps, claimed: ClaimedBatch, signal: AbortSignal): Promise<{ outputStorageKey: string; rowsDone: number } | null> {
  const { db, blobs } = deps;
  const batch = await db.batchPrediction.findUnique({ where: { id: claimed.id } });
  // Deleted with its project while queued: nothing to score and no one to tell.
  if (!batch) return null;
  const model = await readModel(db, blobs, batch.artifactId);
  const signature = signatureOf(model);
  const input = await inputFile(db, batch);
  const bytes = await blobs.get(input.storageKey);
  const table = await readBatchInput(input.fileName, bytes, signature, batch.keyColumn).catch((error: unknown) => {
    throw new BatchInputError(`Could not read ${batch.inputName}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    checkBatchColumns(
      table.columns.map((column) => column.name),
      signature,
      batch.keyColumn,
    );
  } catch (error) {
    throw new BatchInputError(error instanceof Error ? error.message : String(error));
  }
  await db.batchPrediction.updateMany({ where: { id: claimed.id, status: "running" }, data: { rowsTotal: table.rowCount } });
  const csv = await scoreTable(model, table, {
    keyColumn: batch.keyColumn,
    signal,
    onProgress: (rowsDone) => deps.batches.progress(claimed, rowsDone),
    ...(deps.chunkRows === undefined ? {} : { chunkRows: deps.chunkRows }),
  });
  if (csv === null) return null;
  const stored = await blobs.put(new TextEncoder().encode(csv));
  return { outputStorageKey: stored.key, rowsDone: table.rowCount };
}

async function inputFile(db: Db, batch: { inputStorageKey: string | null; inputName: string; datasetVersionId: string | null }) {
  if (batch.inputStorageKey !== null) return { storageKey: batch.inputStorageKey, fileName: batch.inputName };
  const version = batch.datasetVersionId
    ? await db.datasetVersion.findUnique({ where: { id: batch.datasetVersionId }, select: { storageKey: true, fileName: true } })
    : null;
  if (!version) throw new BatchInputError("The dataset version to score was deleted.");
  return version;
}
