import { handleDatasetUpload } from "@/server/datasets/datasetUploadHandler";

export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleDatasetUpload(req, (await params).projectId);
}
