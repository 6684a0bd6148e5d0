import { z } from "zod";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { requireProjectRole } from "../http/projectAccess";
import { findDatasetVersion } from "./datasetLookup";
import { readSample } from "./projectDatasets";

const downloadQuerySchema = z.union([
  z.object({ id: z.string().min(1).max(100), version: z.string().min(1).max(100).optional() }),
  z.object({ name: z.string().min(1).max(100) }),
  // A version by its id alone (the dataset page, a browser run's pin) or a Load node's reference (`dataset:churn@2`).
  z.object({ version: z.string().min(1).max(100) }),
  z.object({ reference: z.string().min(1).max(200) }),
]);

/**
 * GET one version of a project dataset's uploaded file, for code that runs in the
 * browser: a pipeline run there (`?id=<dataset id>&version=<the run's pinned version>`)
 * or notebook code (`?name=<dataset name>`: the latest version, else the bundled sample of
 * that name, so a notebook asks once and never meets a 404 for a sample), the dataset page
 * (`?version=<version id>`, saved as the uploaded file's name) or a reference as a Load node
 * holds it (`?reference=dataset:churn@2`). Any project viewer may read it, as they may
 * preview it in the app.
 */
export const handleDatasetDownload = withErrorBoundary("dataset download", downloadDataset);

async function downloadDataset(req: Request, projectId: string): Promise<Response> {
  await requireProjectRole(db, req, projectId, "viewer");
  const query = downloadQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw new DomainError("invalid", "Name the dataset: ?id=<dataset id>[&version=<version id>] or ?name=<dataset name>.");
  const version = await findVersion(projectId, query.data);
  if (!version) {
    if ("name" in query.data) {
      const sample = await readSample(query.data.name);
      if (sample) return sampleResponse(query.data.name, sample);
    }
    throw new DomainError("notFound", "No such dataset (or version) in this project.");
  }
  // Streamed from the store to the client: a 50 MB file is never whole in memory.
  const blob = await defaultBlobStore().open(version.storageKey);
  return new Response(blob.body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(blob.bytes),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(version.fileName)}`,
      "x-vajra-file-name": encodeURIComponent(version.fileName),
      "x-vajra-content-hash": version.contentHash,
      "x-vajra-version-id": version.id,
      // A version's bytes never change; "latest by name" may.
      "cache-control":
        "name" in query.data || "reference" in query.data || query.data.version === undefined ? "private, no-cache" : "private, max-age=31536000, immutable",
    },
  });
}

type DownloadQuery = z.infer<typeof downloadQuerySchema>;

async function findVersion(projectId: string, query: DownloadQuery) {
  const select = { id: true, storageKey: true, fileName: true, contentHash: true } as const;
  if ("reference" in query) return findDatasetVersion(db, projectId, query.reference);
  const where =
    "name" in query
      ? { dataset: { projectId, name: query.name } }
      : "id" in query
        ? { datasetId: query.id, dataset: { projectId }, ...(query.version === undefined ? {} : { id: query.version }) }
        : { id: query.version, dataset: { projectId } };
  return db.datasetVersion.findFirst({ where, orderBy: { number: "desc" }, select });
}

function sampleResponse(name: string, bytes: Uint8Array<ArrayBuffer>): Response {
  return new Response(bytes, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-length": String(bytes.byteLength),
      "x-vajra-file-name": encodeURIComponent(`${name}.csv`),
      "x-vajra-dataset-kind": "sample",
      "cache-control": "private, no-cache",
    },
  });
}
