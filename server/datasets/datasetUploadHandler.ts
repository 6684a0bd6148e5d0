import { ZodError } from "zod";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { payloadTooLarge, readBodyWithin, refuse, requireProjectRole } from "../http/projectAccess";
import { createDatasetVersion, DatasetRejected } from "./datasetVersions";

export const MAX_DATASET_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * POST /api/projects/{projectId}/datasets: uploads a file as a new dataset version.
 * Either multipart/form-data (fields `file`, optional `name`) or the raw file as the
 * body with `?name=...&fileName=...`. Answers 201 with the version, 413 over the limit.
 */
export async function handleDatasetUpload(req: Request, projectId: string): Promise<Response> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  // Multipart adds a little framing around the file; allow for it before reading.
  if (declared > MAX_DATASET_UPLOAD_BYTES + 64 * 1024) return payloadTooLarge(MAX_DATASET_UPLOAD_BYTES);
  const access = await requireProjectRole(db, req, projectId, "editor");
  if (access instanceof Response) return access;

  const url = new URL(req.url);
  let bytes: Uint8Array;
  let fileName: string | null;
  let name: string | null;
  if ((req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await req.formData();
    const file = form.get("file");
    if (!(file instanceof Blob)) return refuse(400, "BAD_REQUEST", 'Send the file in a form field named "file".');
    if (file.size > MAX_DATASET_UPLOAD_BYTES) return payloadTooLarge(MAX_DATASET_UPLOAD_BYTES);
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = "name" in file && typeof file.name === "string" ? file.name : url.searchParams.get("fileName");
    const field = form.get("name");
    name = typeof field === "string" ? field : url.searchParams.get("name");
  } else {
    const body = await readBodyWithin(req, MAX_DATASET_UPLOAD_BYTES);
    if (body === null) return payloadTooLarge(MAX_DATASET_UPLOAD_BYTES);
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
