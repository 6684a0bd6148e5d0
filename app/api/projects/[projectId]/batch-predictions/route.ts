import { handleBatchUpload } from "@/server/batchPredictions/batchUploadHandler";

export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleBatchUpload(req, (await params).projectId);
}
