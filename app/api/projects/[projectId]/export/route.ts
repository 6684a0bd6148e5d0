import { handleProjectExport } from "@/server/projects/projectExportHandler";

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleProjectExport(req, (await params).projectId);
}
