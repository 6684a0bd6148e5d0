import { readFile } from "node:fs/promises";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { MAX_DATASET_UPLOAD_BYTES } from "../datasets/datasetUploadHandler";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { receiveBodyFile } from "../http/bodyFile";
import { withBodyLimits } from "../http/bodyLimit";
import { receiveMultipartFile } from "../http/multipartFile";
import { requireProjectRole } from "../http/projectAccess";
import { processQueues } from "../queue/processQueues";
import { batchModelRefSchema } from "./batchModel";
import { getBatch } from "./batchPredictions";
import { keyColumnSchema, submitUploadBatch } from "./submitBatchPrediction";

/** Multipart adds boundaries, part headers and the small fields around the file. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;
const FIELDS = ["keyColumn", "deploymentId", "registeredVersionId", "fileName"] as const;

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
  const fields = new Map<string, string>();
  for (const name of FIELDS) {
    const value = new URL(req.url).searchParams.get(name);
    if (value !== null) fields.set(name, value);
  }
  let bytes: Uint8Array;
  if ((req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await receiveMultipartFile(req, { fileField: "file", maxFileBytes: MAX_DATASET_UPLOAD_BYTES, maxFieldBytes: 1024, maxFields: 8 });
    try {
      if (form.file === null) throw new DomainError("invalid", 'Send the table in a form field named "file".');
      bytes = new Uint8Array(await readFile(form.file.path));
      for (const [name, value] of form.fields) fields.set(name, value);
      if (form.file.fileName) fields.set("fileName", form.file.fileName);
    } finally {
      await form.dispose();
    }
  } else {
    const body = await receiveBodyFile(req, MAX_DATASET_UPLOAD_BYTES);
    try {
      bytes = new Uint8Array(await readFile(body.path));
    } finally {
      await body.dispose();
    }
  }
  const fileName = fields.get("fileName");
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
