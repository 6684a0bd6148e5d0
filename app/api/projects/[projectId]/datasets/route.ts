import { handleDatasetDownload } from "@/server/datasets/datasetDownloadHandler";
import { handleDatasetUpload } from "@/server/datasets/datasetUploadHandler";

export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleDatasetUpload(req, (await params).projectId);
}

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleDatasetDownload(req, (await params).projectId);
}
