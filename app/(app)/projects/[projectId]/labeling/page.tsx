import { PageContainer } from "@/components/layout/PageContainer";
import { LabelingQueuesPage } from "@/components/labeling/LabelingQueuesPage";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <PageContainer>
      <LabelingQueuesPage projectId={projectId} />
    </PageContainer>
  );
}
