import type { useTRPCClient } from "@/components/trpc/client";
import type { OutputPreview } from "@/pipeline/runtime/previewOutput";

export const LIVE_DATA_PREVIEW_HINT = "This node reads its database on a server worker: run the pipeline (Server or Auto), then preview it here.";

/**
 * The output a server run stored for a node that the browser cannot compute (a SQL query node reads a database
 * only the server reaches): the same summary the Runs page shows, or why there is none.
 */
export async function storedNodePreview(
  client: ReturnType<typeof useTRPCClient>,
  projectId: string,
  runId: string,
  nodeId: string,
  port: string,
): Promise<{ preview: OutputPreview } | { message: string }> {
  const run = await client.run.get.query({ projectId, runId });
  const artifact = run.steps.find((step) => step.nodeId === nodeId)?.artifacts.find((a) => a.port === port);
  if (!artifact) {
    const failed = run.steps.find((step) => step.nodeId === nodeId && step.status === "failed");
    return { message: failed?.error ?? `The latest run has no output of ${nodeId} yet. ${LIVE_DATA_PREVIEW_HINT}` };
  }
  const { preview } = await client.artifact.preview.query({ projectId, artifactId: artifact.id });
  return preview ? { preview } : { message: "This output has no preview." };
}
