import { formatCsvRows } from "@/pipeline/ml/table/csv";
import { cellText } from "@/pipeline/ml/table/values";
import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { createDatasetVersion } from "../datasets/datasetVersions";
import { DomainError } from "../errors/domainError";
import { queueNotFound } from "./queueNotFound";

/**
 * Every labelled row of the queue as CSV: the row's values then the target column holding its label (the latest
 * one not withdrawn). Columns in order of first appearance, so a row from an older round missing a column reads blank.
 */
function labelledCsv(targetColumn: string, rows: { row: string; value: string }[]): string {
  const parsed = rows.map(({ row, value }) => ({ values: JSON.parse(row) as Record<string, unknown>, value }));
  const columns: string[] = [];
  for (const { values } of parsed) for (const name of Object.keys(values)) if (name !== targetColumn && !columns.includes(name)) columns.push(name);
  return formatCsvRows([[...columns, targetColumn], ...parsed.map(({ values, value }) => [...columns.map((c) => cellText(values[c])), value])]);
}

/** The label each labelled row currently has: its newest one not withdrawn. */
export async function currentLabels(db: Db, queueId: string) {
  return db.$queryRaw<{ itemId: string; rowKey: string; row: string; value: string }[]>`
    SELECT DISTINCT ON (l."itemId") l."itemId", i."rowKey", i."row", l."value"
    FROM "Label" l JOIN "LabelingItem" i ON i."id" = l."itemId"
    WHERE l."queueId" = ${queueId} AND l."withdrawnAt" IS NULL AND i."status" = 'labelled'
    ORDER BY l."itemId", l."createdAt" DESC, l."id" DESC`;
}

/** Labels given (and not withdrawn) since the last commit. */
export function pendingLabelCount(db: Db, queueId: string): Promise<number> {
  return db.label.count({ where: { queueId, withdrawnAt: null, datasetVersionId: null } });
}

/**
 * A queue's first commit creates the dataset named after it. A dataset of that name that the queue did not create
 * (an upload, another queue's labels) would otherwise silently get the labels as its newest version, which every
 * pipeline loading it by name then reads instead of its data.
 */
async function refuseForeignDataset(db: Db, projectId: string, name: string): Promise<void> {
  const existing = await db.dataset.findUnique({ where: { projectId_name: { projectId, name } }, select: { id: true } });
  if (existing === null) return;
  throw new DomainError(
    "conflict",
    `The project already has a dataset named "${name}" that this queue did not create, and committing would add the labels as its newest version. Rename that dataset, or send the rows to a queue with another name.`,
  );
}

export interface CommitOutcome {
  committed: number;
  datasetId: string;
  datasetName: string;
  versionNumber: number;
  rowCount: number;
}

/**
 * Turns the labels given since the last commit into a new version of the queue's labelled dataset (created on
 * the first commit, named after the queue). The version holds every label so far, not just the batch, so the
 * newest version is what retraining reads; each committed Label points at the version that first included it.
 */
export async function commitLabels(db: Db, blobs: BlobStore, input: { projectId: string; queueId: string; userId: string }): Promise<CommitOutcome> {
  const queue = await db.labelingQueue.findFirst({ where: { id: input.queueId, projectId: input.projectId }, include: { dataset: true } });
  if (queue === null) throw queueNotFound();
  const pending = await db.label.findMany({ where: { queueId: queue.id, withdrawnAt: null, datasetVersionId: null }, select: { id: true } });
  if (pending.length === 0) throw new DomainError("invalid", "There are no new labels to commit: label some rows first.");
  if (queue.dataset === null) await refuseForeignDataset(db, input.projectId, queue.name);
  const rows = await currentLabels(db, queue.id);
  const { dataset, version } = await createDatasetVersion(db, blobs, {
    projectId: input.projectId,
    userId: input.userId,
    name: queue.dataset?.name ?? queue.name,
    fileName: "labels.csv",
    bytes: new TextEncoder().encode(labelledCsv(queue.targetColumn, rows)),
  });
  await db.$transaction([
    db.label.updateMany({ where: { id: { in: pending.map((p) => p.id) }, datasetVersionId: null }, data: { datasetVersionId: version.id } }),
    db.labelingQueue.update({ where: { id: queue.id }, data: { datasetId: dataset.id } }),
  ]);
  return { committed: pending.length, datasetId: dataset.id, datasetName: dataset.name, versionNumber: version.number, rowCount: version.rowCount };
}
