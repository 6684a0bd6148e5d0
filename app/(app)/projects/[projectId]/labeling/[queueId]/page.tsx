import { PageContainer } from "@/components/layout/PageContainer";
import { LabelingQueuePage } from "@/components/labeling/LabelingQueuePage";

export default async function Page({ params }: { params: Promise<{ projectId: string; queueId: string }> }) {
  const { projectId, queueId } = await params;
  return (
    <PageContainer>
      <LabelingQueuePage projectId={projectId} queueId={queueId} />
    </PageContainer>
  );
}
