import { handleProjectImport } from "@/server/projects/projectImportHandler";

export async function POST(req: Request) {
  return handleProjectImport(req);
}
