import { cookies } from "next/headers";
import { CANVAS_SIZE_COOKIE, canvasSizeFromCookie } from "@/components/canvas/canvasSize";
import { PipelineEditor } from "@/components/canvas/PipelineEditor";
import { PrefetchedQueries } from "@/components/trpc/PrefetchedQueries";
import { serverQueries } from "@/server/api/serverQueries";

export default async function PipelinePage({ params }: { params: Promise<{ projectId: string; pipelineId: string }> }) {
  const { projectId, pipelineId } = await params;
  const { queryClient, trpc } = serverQueries();
  // The graph and the project's datasets come with the page, so the canvas draws during hydration.
  await Promise.all([
    queryClient.prefetchQuery(trpc.pipeline.open.queryOptions({ projectId, pipelineId })),
    queryClient.prefetchQuery(trpc.dataset.list.queryOptions({ projectId })),
  ]);
  const canvasSize = canvasSizeFromCookie((await cookies()).get(CANVAS_SIZE_COOKIE)?.value);
  return (
    <PrefetchedQueries queryClient={queryClient}>
      <PipelineEditor projectId={projectId} pipelineId={pipelineId} canvasSize={canvasSize} />
    </PrefetchedQueries>
  );
}
