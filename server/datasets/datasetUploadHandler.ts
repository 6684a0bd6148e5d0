import { readFile } from "node:fs/promises";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { receiveBodyFile } from "../http/bodyFile";
import { withBodyLimits } from "../http/bodyLimit";
import { receiveMultipartFile } from "../http/multipartFile";
import { requireProjectRole } from "../http/projectAccess";
import { createDatasetVersion } from "./datasetVersions";

export const MAX_DATASET_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Multipart adds boundaries, part headers and a `name` field around the file. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;

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

  const url = new URL(req.url);
  let bytes: Uint8Array;
  let fileName: string | null;
  let name: string | null;
  if ((req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await receiveMultipartFile(req, { fileField: "file", maxFileBytes: MAX_DATASET_UPLOAD_BYTES, maxFieldBytes: 1024, maxFields: 4 });
    try {
      if (form.file === null) throw new DomainError("invalid", 'Send the file in a form field named "file".');
      // At most 50 MB by now: the parsers take the whole file.
      bytes = new Uint8Array(await readFile(form.file.path));
      fileName = form.file.fileName ?? url.searchParams.get("fileName");
      name = form.fields.get("name") ?? url.searchParams.get("name");
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
    fileName = url.searchParams.get("fileName");
    name = url.searchParams.get("name");
  }
  if (!fileName) throw new DomainError("invalid", "Say the file name (?fileName=data.csv): it tells the format apart.");
  const created = await createDatasetVersion(db, defaultBlobStore(), { projectId, userId: access.userId, name: name ?? fileName, fileName, bytes });
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
