import { handleModelBundleDownload } from "@/server/downloads/modelBundleHandler";

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleModelBundleDownload(req, (await params).projectId);
}
