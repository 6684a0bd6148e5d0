import { readFile } from "node:fs/promises";
import { ZodError } from "zod";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { withErrorBoundary } from "../errors/restErrors";
import { bodyTooLarge, readBodyWithin, withBodyLimits } from "../http/bodyLimit";
import { MultipartRejected, receiveMultipartFile } from "../http/multipartFile";
import { refuse, requireProjectRole } from "../http/projectAccess";
import { createDatasetVersion, DatasetRejected } from "./datasetVersions";

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
    let form;
    try {
      form = await receiveMultipartFile(req, { fileField: "file", maxFileBytes: MAX_DATASET_UPLOAD_BYTES, maxFieldBytes: 1024, maxFields: 4 });
    } catch (error) {
      if (error instanceof MultipartRejected) return refuse(400, "BAD_REQUEST", error.message);
      throw error;
    }
    try {
      if (form.file === null) return refuse(400, "BAD_REQUEST", 'Send the file in a form field named "file".');
      // At most 50 MB by now: the parsers take the whole file.
      bytes = new Uint8Array(await readFile(form.file.path));
      fileName = form.file.fileName ?? url.searchParams.get("fileName");
      name = form.fields.get("name") ?? url.searchParams.get("name");
    } finally {
      await form.dispose();
    }
  } else {
    const body = await readBodyWithin(req, MAX_DATASET_UPLOAD_BYTES);
    if (body === null) return bodyTooLarge(MAX_DATASET_UPLOAD_BYTES).toResponse();
    bytes = body;
    fileName = url.searchParams.get("fileName");
    name = url.searchParams.get("name");
  }
  if (!fileName) return refuse(400, "BAD_REQUEST", "Say the file name (?fileName=data.csv): it tells the format apart.");
  try {
    const created = await createDatasetVersion(db, defaultBlobStore(), { projectId, userId: access.userId, name: name ?? fileName, fileName, bytes });
    const { id, number, contentHash, rowCount, format } = created.version;
    return Response.json(
      { datasetId: created.dataset.id, reference: created.reference, created: created.created, version: { id, number, fileName, format, contentHash, rowCount, bytes: created.version.bytes } },
      { status: created.created ? 201 : 200 },
    );
  } catch (error) {
    if (error instanceof DatasetRejected) return refuse(422, "UNPROCESSABLE_CONTENT", error.message);
    if (error instanceof ZodError) return refuse(400, "BAD_REQUEST", error.issues.map((i) => i.message).join(" "));
    throw error;
  }
}
