import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { withBodyLimits } from "../http/bodyLimit";
import { requireProjectRole } from "../http/projectAccess";
import { MULTIPART_FRAMING_BYTES, receiveUploadedFile } from "../http/uploadedFile";
import { createDatasetVersion } from "./datasetVersions";

export const MAX_DATASET_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * POST /api/projects/{projectId}/datasets: uploads a file as a new dataset version.
 * Either multipart/form-data (fields `file`, optional `name`) or the raw file as the
 * body with `?name=...&fileName=...`. Answers 201 with the version, 413 over the limit.
 */
export const handleDatasetUpload = withErrorBoundary("dataset upload", (req: Request, projectId: string): Promise<Response> =>
  // The whole body is counted as it streams (Content-Length may be absent); the file inside on its own.
  withBodyLimits(req, { maxBytes: MAX_DATASET_UPLOAD_BYTES + MULTIPART_FRAMING_BYTES }, (bounded) => upload(bounded, projectId)),
);

async function upload(req: Request, projectId: string): Promise<Response> {
  const access = await requireProjectRole(db, req, projectId, "editor");
  const { bytes, fileName, fields } = await receiveUploadedFile(req, MAX_DATASET_UPLOAD_BYTES, ["name"]);
  if (!fileName) throw new DomainError("invalid", "Say the file name (?fileName=data.csv): it tells the format apart.");
  const created = await createDatasetVersion(db, defaultBlobStore(), {
    projectId,
    userId: access.userId,
    name: fields.get("name") ?? fileName,
    fileName,
    bytes,
  });
  const { id, number, contentHash, rowCount, format } = created.version;
  return Response.json(
    {
      datasetId: created.dataset.id,
      reference: created.reference,
      created: created.created,
      version: { id, number, fileName, format, contentHash, rowCount, bytes: created.version.bytes },
    },
    { status: created.created ? 201 : 200 },
  );
}
