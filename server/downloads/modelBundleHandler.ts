import { z } from "zod";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { attachmentDisposition } from "../http/attachment";
import { requireProjectRole } from "../http/projectAccess";
import { fileNameStem, MODEL_BUNDLE_EXTENSION } from "./fileNames";

const bundleQuerySchema = z.union([
  z.object({ registeredVersionId: z.string().min(1).max(100) }),
  z.object({ deploymentVersionId: z.string().min(1).max(100) }),
  z.object({ deploymentId: z.string().min(1).max(100) }),
]);

/**
 * GET /api/projects/{projectId}/model-bundle?registeredVersionId=… | deploymentVersionId=… | deploymentId=…
 * (that deployment's current version): the model file exactly as an endpoint loads it, the stored Model
 * artifact with its fitted preprocessing inside, named e.g. `churn-v3.vajra-model`. Any project viewer
 * may download it.
 */
export const handleModelBundleDownload = withErrorBoundary("model download", downloadBundle);

async function downloadBundle(req: Request, projectId: string): Promise<Response> {
  await requireProjectRole(db, req, projectId, "viewer");
  const query = bundleQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw new DomainError("invalid", "Name the model: ?registeredVersionId=…, ?deploymentVersionId=… or ?deploymentId=….");
  const bundle = await findBundle(projectId, query.data);
  const artifact = await db.artifact.findFirst({
    where: { id: bundle.artifactId, projectId, portType: "Model" },
    select: { storageKey: true, contentHash: true },
  });
  if (!artifact) throw new DomainError("notFound", "The model's stored file is not in this project.");
  const blob = await defaultBlobStore().open(artifact.storageKey);
  return new Response(blob.body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(blob.bytes),
      "content-disposition": attachmentDisposition(`${fileNameStem(bundle.name, "model")}-v${bundle.number}${MODEL_BUNDLE_EXTENSION}`),
      "x-vajra-content-hash": artifact.contentHash,
      // A version's model never changes.
      "cache-control": "deploymentId" in query.data ? "private, no-cache" : "private, max-age=31536000, immutable",
    },
  });
}

async function findBundle(projectId: string, query: z.infer<typeof bundleQuerySchema>): Promise<{ artifactId: string; name: string; number: number }> {
  if ("registeredVersionId" in query) {
    const version = await db.registeredModelVersion.findFirst({
      where: { id: query.registeredVersionId, registeredModel: { projectId } },
      select: { artifactId: true, number: true, registeredModel: { select: { name: true } } },
    });
    if (!version) throw new DomainError("notFound", "Model version not found in this project.");
    return { artifactId: version.artifactId, name: version.registeredModel.name, number: version.number };
  }
  const where =
    "deploymentVersionId" in query
      ? { id: query.deploymentVersionId, deployment: { projectId } }
      : { deployment: { id: query.deploymentId, projectId, currentVersionId: { not: null } } };
  const candidates = await db.modelVersion.findMany({
    where,
    select: { id: true, artifactId: true, number: true, deployment: { select: { name: true, currentVersionId: true } } },
  });
  // By deployment: its current version, whichever number that is (a rollback makes an older one current).
  const version = "deploymentVersionId" in query ? candidates[0] : candidates.find((c) => c.id === c.deployment.currentVersionId);
  if (!version)
    throw new DomainError("notFound", "deploymentVersionId" in query ? "Model version not found in this project." : "This deployment serves no model.");
  return { artifactId: version.artifactId, name: version.deployment.name, number: version.number };
}
