import { handleTableCsvDownload } from "@/server/downloads/tableCsvHandler";

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string; artifactId: string }> }) {
  const { projectId, artifactId } = await params;
  return handleTableCsvDownload(req, projectId, artifactId);
}
