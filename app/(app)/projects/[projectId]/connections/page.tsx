import { ConnectionsPage } from "@/components/connections/ConnectionsPage";
import { PageContainer } from "@/components/layout/PageContainer";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <PageContainer>
      <ConnectionsPage projectId={projectId} />
    </PageContainer>
  );
}
