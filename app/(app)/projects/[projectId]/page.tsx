import { PageContainer } from "@/components/layout/PageContainer";
import { ProjectPage } from "@/components/projects/ProjectPage";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <PageContainer>
      <ProjectPage projectId={projectId} />
    </PageContainer>
  );
}
