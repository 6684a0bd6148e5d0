import { handleBatchDownload } from "@/server/batchPredictions/batchDownloadHandler";

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string; batchId: string }> }) {
  const { projectId, batchId } = await params;
  return handleBatchDownload(req, projectId, batchId);
}
