import { after } from "next/server";
import { defaultServingDeps, handlePredict, type ServingDeps } from "@/server/deployments/predictHandler";

let deps: ServingDeps | undefined;

export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  // Next.js awaits what `after` was given before a stopping server exits, so buffered request logs are written.
  deps ??= { ...defaultServingDeps(), waitUntil: after };
  return handlePredict(req, (await params).slug, deps);
}
