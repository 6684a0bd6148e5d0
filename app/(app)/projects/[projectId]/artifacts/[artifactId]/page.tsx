import { PageContainer } from "@/components/layout/PageContainer";
import { RegisterModelPanel } from "@/components/registry/RegisterModelPanel";
import { LineageView } from "@/components/runs/LineageView";

export default async function Page({ params }: { params: Promise<{ projectId: string; artifactId: string }> }) {
  const { projectId, artifactId } = await params;
  return (
    <PageContainer>
      <div className="flex flex-col gap-6">
        <RegisterModelPanel projectId={projectId} artifactId={artifactId} />
        <LineageView projectId={projectId} artifactId={artifactId} />
      </div>
    </PageContainer>
  );
}
