import { PageContainer } from "@/components/layout/PageContainer";
import { DeploymentPage } from "@/components/deployments/DeploymentPage";

export default async function Page({ params }: { params: Promise<{ projectId: string; deploymentId: string }> }) {
  const { projectId, deploymentId } = await params;
  return (
    <PageContainer>
      <DeploymentPage projectId={projectId} deploymentId={deploymentId} />
    </PageContainer>
  );
}
