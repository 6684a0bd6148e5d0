import { PageContainer } from "@/components/layout/PageContainer";
import { LineageView } from "@/components/runs/LineageView";

export default async function Page({ params }: { params: Promise<{ projectId: string; artifactId: string }> }) {
  const { projectId, artifactId } = await params;
  return (
    <PageContainer>
      <LineageView projectId={projectId} artifactId={artifactId} />
    </PageContainer>
  );
}
