import { handlePredict } from "@/server/deployments/predictHandler";

export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handlePredict(req, (await params).slug);
}
