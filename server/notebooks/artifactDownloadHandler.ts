import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { requireProjectRole } from "../http/projectAccess";

/**
 * GET an artifact's stored value (the engine's JSON artifact codec) for notebook code;
 * any project viewer may read it, as they may see it in the app.
 */
export const handleArtifactDownload = withErrorBoundary("artifact download", downloadArtifact);

async function downloadArtifact(req: Request, projectId: string, artifactId: string): Promise<Response> {
  await requireProjectRole(db, req, projectId, "viewer");
  const artifact = await db.artifact.findFirst({ where: { id: artifactId, projectId }, select: { storageKey: true, portType: true } });
  if (!artifact) throw new DomainError("notFound", "Artifact not found in this project.");
  const blob = await defaultBlobStore().open(artifact.storageKey);
  return new Response(blob.body, {
    headers: {
      "content-type": "application/json",
      "content-length": String(blob.bytes),
      "x-vajra-port-type": artifact.portType,
      "cache-control": "private, max-age=3600",
    },
  });
}
