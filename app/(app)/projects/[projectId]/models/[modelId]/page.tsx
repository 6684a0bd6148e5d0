import { PageContainer } from "@/components/layout/PageContainer";
import { ModelDetailPage } from "@/components/registry/ModelDetailPage";

export default async function Page({ params }: { params: Promise<{ projectId: string; modelId: string }> }) {
  const { projectId, modelId } = await params;
  return (
    <PageContainer>
      <ModelDetailPage projectId={projectId} modelId={modelId} />
    </PageContainer>
  );
}
