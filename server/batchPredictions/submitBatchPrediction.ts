import { z } from "zod";
import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { readDatasetFile } from "../datasets/datasetVersions";
import { parseStoredTableSchema } from "../datasets/storedSchema";
import { DomainError } from "../errors/domainError";
import { checkBatchColumns } from "./batchInput";
import { resolveBatchModel, type BatchModelRef } from "./batchModel";
import type { BatchPredictionQueue } from "./batchPredictionQueue";

/** Empty or absent means "no key": rows are numbered instead. */
export const keyColumnSchema = z
  .string()
  .trim()
  .max(200)
  .transform((name) => (name === "" ? null : name))
  .nullable()
  .default(null);

interface Submission {
  projectId: string;
  userId: string;
  model: BatchModelRef;
  keyColumn: string | null;
}

/**
 * Queues a batch prediction over an uploaded file. The file is read here first (the same reader and
 * limits as a dataset upload), so an unreadable file, a missing key column or missing features are
 * refused at once instead of failing later in a job; the bytes go to the blob store for the worker.
 */
export async function submitUploadBatch(db: Db, blobs: BlobStore, queue: BatchPredictionQueue, input: Submission & { fileName: string; bytes: Uint8Array }) {
  const model = await resolveBatchModel(db, input.projectId, input.model);
  const { table } = await readDatasetFile(input.fileName, input.bytes);
  checkBatchColumns(
    table.columns.map((column) => column.name),
    model.signature,
    input.keyColumn,
  );
  const stored = await blobs.put(input.bytes);
  return queue.enqueue({
    projectId: input.projectId,
    registeredVersionId: model.registeredVersionId,
    deploymentId: model.deploymentId,
    artifactId: model.artifactId,
    inputName: input.fileName,
    inputStorageKey: stored.key,
    keyColumn: input.keyColumn,
    rowsTotal: table.rowCount,
    createdById: input.userId,
  });
}

/** Queues a batch prediction over a dataset version of the project, checked against the schema read at its upload. */
export async function submitDatasetBatch(db: Db, queue: BatchPredictionQueue, input: Submission & { datasetVersionId: string }) {
  const model = await resolveBatchModel(db, input.projectId, input.model);
  const version = await db.datasetVersion.findFirst({
    where: { id: input.datasetVersionId, dataset: { projectId: input.projectId } },
    select: { id: true, number: true, schema: true, rowCount: true, dataset: { select: { name: true } } },
  });
  if (!version) throw new DomainError("notFound", "Dataset version not found in this project.");
  checkBatchColumns(
    parseStoredTableSchema(version.schema).columns.map((column) => column.name),
    model.signature,
    input.keyColumn,
  );
  return queue.enqueue({
    projectId: input.projectId,
    registeredVersionId: model.registeredVersionId,
    deploymentId: model.deploymentId,
    artifactId: model.artifactId,
    inputName: `${version.dataset.name} v${version.number}`,
    datasetVersionId: version.id,
    keyColumn: input.keyColumn,
    rowsTotal: version.rowCount,
    createdById: input.userId,
  });
}
