import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";

export const BATCH_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
const batchStatusSchema = z.enum(BATCH_STATUSES).catch("failed");
export type BatchStatus = (typeof BATCH_STATUSES)[number];

const viewFields = {
  id: true,
  registeredVersionId: true,
  deploymentId: true,
  inputName: true,
  datasetVersionId: true,
  keyColumn: true,
  status: true,
  rowsTotal: true,
  rowsDone: true,
  outputStorageKey: true,
  error: true,
  createdById: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

type BatchRow = Prisma.BatchPredictionGetPayload<{ select: typeof viewFields }>;

/** What project members see of a batch: never the storage keys. */
export function batchView(row: BatchRow) {
  return {
    id: row.id,
    registeredVersionId: row.registeredVersionId,
    deploymentId: row.deploymentId,
    inputName: row.inputName,
    datasetVersionId: row.datasetVersionId,
    keyColumn: row.keyColumn,
    status: batchStatusSchema.parse(row.status),
    rowsTotal: row.rowsTotal,
    rowsDone: row.rowsDone,
    hasResult: row.outputStorageKey !== null,
    error: row.error,
    createdById: row.createdById,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
export type BatchPredictionView = ReturnType<typeof batchView>;

export const batchListFilterSchema = z.object({
  deploymentId: z.string().min(1).max(100).optional(),
  registeredVersionId: z.string().min(1).max(100).optional(),
});

/** The project's batches, newest first, optionally those of one deployment or one registered version. */
export async function listBatches(db: Db, projectId: string, filter: z.infer<typeof batchListFilterSchema>) {
  const rows = await db.batchPrediction.findMany({
    where: { projectId, ...filter },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: viewFields,
  });
  return rows.map(batchView);
}

export async function getBatch(db: Db, projectId: string, batchId: string) {
  const row = await db.batchPrediction.findFirst({ where: { id: batchId, projectId }, select: viewFields });
  if (!row) throw new DomainError("notFound", "Batch prediction not found in this project.");
  return batchView(row);
}

/** Stops a queued or running batch: a worker scoring it stops at its next chunk and stores nothing. */
export async function cancelBatch(db: Db, projectId: string, batchId: string) {
  const { count } = await db.batchPrediction.updateMany({
    where: { id: batchId, projectId, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (count === 0) {
    const current = await getBatch(db, projectId, batchId);
    throw new DomainError("conflict", `This batch prediction has already ${current.status === "cancelled" ? "been cancelled" : current.status}.`);
  }
  return getBatch(db, projectId, batchId);
}
