import { handleArtifactUpload } from "@/server/runs/artifactUploadHandler";

export async function POST(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  return handleArtifactUpload(req, (await params).runId);
}
