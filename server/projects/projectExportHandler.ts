import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { requireProjectRole } from "../http/projectAccess";
import { archiveFileName, missingBlobs, projectArchiveStream, projectManifest } from "./exportProject";

/**
 * GET /api/projects/{projectId}/export: the project as a `.vajra.tar.gz` download (projectArchive.ts).
 *
 * Editors and owners only. Importing an archive makes the importer the owner of a full copy, with
 * its datasets, models and deployments; a viewer (or anyone holding a view-only share link) may
 * look at the project but not take it elsewhere as their own. Editors can already change and
 * download everything in it.
 */
export const handleProjectExport = withErrorBoundary("project export", async (req: Request, projectId: string): Promise<Response> => {
  const { userId } = await requireProjectRole(db, req, projectId, "editor");
  const blobs = defaultBlobStore();
  const manifest = await projectManifest(db, projectId, userId);
  // Checked before the first byte is sent: afterwards a failure could only cut the download short.
  const missing = await missingBlobs(blobs, manifest);
  if (missing.length > 0) {
    throw new DomainError("conflict", `${missing.length} stored file(s) of this project are missing from storage, so it cannot be exported whole.`);
  }
  const fileName = archiveFileName(manifest.project.name, new Date(manifest.exportedAt));
  return new Response(projectArchiveStream(blobs, manifest), {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
});
