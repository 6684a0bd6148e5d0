import { PipelineEditor } from "@/components/canvas/PipelineEditor";

export default async function PipelinePage({ params }: { params: Promise<{ projectId: string; pipelineId: string }> }) {
  const { projectId, pipelineId } = await params;
  return <PipelineEditor projectId={projectId} pipelineId={pipelineId} />;
}
