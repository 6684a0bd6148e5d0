import { DATASET_FORMATS, parseDataset } from "@/pipeline/ml/table/dataset-format";
import { previewTable, type TablePreview } from "@/pipeline/runtime/previewOutput";
import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { isOverColumnLimit } from "./storedSchema";

/**
 * A version's first rows and per-column statistics (type, missing, distinct, min/mean/max, top values),
 * as a pipeline's table outputs are previewed. Read as Load reads it, from the stored file.
 */
export async function previewDatasetVersion(db: Db, blobs: BlobStore, projectId: string, versionId: string): Promise<TablePreview> {
  const version = await db.datasetVersion.findFirst({
    where: { id: versionId, dataset: { projectId } },
    select: { storageKey: true, fileName: true, format: true, columnCount: true },
  });
  if (!version) throw new DomainError("notFound", "Dataset version not found in this project.");
  if (isOverColumnLimit(version)) {
    throw new DomainError("unprocessable", `${version.fileName} has ${version.columnCount} columns, too many to preview. Upload a narrower version.`);
  }
  const format = DATASET_FORMATS.find((f) => f === version.format) ?? "auto";
  const table = await parseDataset(version.fileName, await blobs.get(version.storageKey), format);
  return previewTable(table);
}
