import { PageContainer } from "@/components/layout/PageContainer";
import { ProjectList } from "@/components/projects/ProjectList";

export default function ProjectsPage() {
  return (
    <PageContainer>
      <ProjectList />
    </PageContainer>
  );
}
