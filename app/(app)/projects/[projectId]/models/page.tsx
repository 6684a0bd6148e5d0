import { PageContainer } from "@/components/layout/PageContainer";
import { ModelsPage } from "@/components/registry/ModelsPage";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <PageContainer>
      <ModelsPage projectId={projectId} />
    </PageContainer>
  );
}
