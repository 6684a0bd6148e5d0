import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { MAX_DATASET_UPLOAD_BYTES } from "../datasets/datasetUploadHandler";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { withBodyLimits } from "../http/bodyLimit";
import { requireProjectRole } from "../http/projectAccess";
import { MULTIPART_FRAMING_BYTES, receiveUploadedFile } from "../http/uploadedFile";
import { processQueues } from "../queue/processQueues";
import { batchModelRefSchema } from "./batchModel";
import { getBatch } from "./batchPredictions";
import { keyColumnSchema, submitUploadBatch } from "./submitBatchPrediction";

/**
 * POST /api/projects/{projectId}/batch-predictions: uploads a table (CSV, JSON or Parquet, up to the
 * dataset upload limit) and queues its batch prediction. Either multipart/form-data (`file`, and
 * `deploymentId` or `registeredVersionId`, optional `keyColumn`) or the raw file as the body with
 * the same names as query parameters plus `fileName`. Answers 201 with the batch; 422 names a
 * missing key column or missing features; editors only.
 */
export const handleBatchUpload = withErrorBoundary("batch prediction upload", (req: Request, projectId: string): Promise<Response> =>
  withBodyLimits(req, { maxBytes: MAX_DATASET_UPLOAD_BYTES + MULTIPART_FRAMING_BYTES }, (bounded) => upload(bounded, projectId)),
);

async function upload(req: Request, projectId: string): Promise<Response> {
  const access = await requireProjectRole(db, req, projectId, "editor");
  const { bytes, fileName, fields } = await receiveUploadedFile(req, MAX_DATASET_UPLOAD_BYTES, ["keyColumn", "deploymentId", "registeredVersionId"]);
  if (!fileName) throw new DomainError("invalid", "Say the file name (?fileName=rows.csv): it tells the format apart.");
  const model = batchModelRefSchema.safeParse(
    fields.has("registeredVersionId") ? { registeredVersionId: fields.get("registeredVersionId") } : { deploymentId: fields.get("deploymentId") },
  );
  if (!model.success) throw new DomainError("invalid", "Name the model: deploymentId or registeredVersionId.");
  const keyColumn = keyColumnSchema.safeParse(fields.get("keyColumn") ?? null);
  if (!keyColumn.success) throw new DomainError("invalid", "The key column name is too long.");
  const { batches } = await processQueues();
  const id = await submitUploadBatch(db, defaultBlobStore(), batches, {
    projectId,
    userId: access.userId,
    model: model.data,
    keyColumn: keyColumn.data,
    fileName,
    bytes,
  });
  return Response.json(await getBatch(db, projectId, id), { status: 201 });
}
