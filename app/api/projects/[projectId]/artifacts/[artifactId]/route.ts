import { handleArtifactDownload } from "@/server/notebooks/artifactDownloadHandler";

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string; artifactId: string }> }) {
  const { projectId, artifactId } = await params;
  return handleArtifactDownload(req, projectId, artifactId);
}
