import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { requireProjectRole } from "../http/projectAccess";
import { attachmentDisposition } from "../http/attachment";

/**
 * GET /api/projects/{projectId}/batch-predictions/{batchId}/download: the result CSV of a finished
 * batch (one line per input row, in input order), as a file download. Any project viewer may read
 * it, as they may see the batch in the app.
 */
export const handleBatchDownload = withErrorBoundary("batch prediction download", downloadBatch);

async function downloadBatch(req: Request, projectId: string, batchId: string): Promise<Response> {
  await requireProjectRole(db, req, projectId, "viewer");
  const batch = await db.batchPrediction.findFirst({ where: { id: batchId, projectId }, select: { status: true, outputStorageKey: true, inputName: true } });
  if (!batch) throw new DomainError("notFound", "Batch prediction not found in this project.");
  if (batch.outputStorageKey === null) throw new DomainError("conflict", `This batch prediction has no result to download (it is ${batch.status}).`);
  const blob = await defaultBlobStore().open(batch.outputStorageKey);
  return new Response(blob.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-length": String(blob.bytes),
      "content-disposition": attachmentDisposition(`${batch.inputName.replace(/\.[^.]+$/, "")}-predictions.csv`),
      "cache-control": "private, max-age=3600",
    },
  });
}
