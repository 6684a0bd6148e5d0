import { PageContainer } from "@/components/layout/PageContainer";
import { RunsPage } from "@/components/runs/RunsPage";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <PageContainer>
      <RunsPage projectId={projectId} />
    </PageContainer>
  );
}
