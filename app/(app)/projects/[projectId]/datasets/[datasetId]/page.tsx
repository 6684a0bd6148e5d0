import { DatasetPage } from "@/components/datasets/DatasetPage";
import { PageContainer } from "@/components/layout/PageContainer";

export default async function Page({ params }: { params: Promise<{ projectId: string; datasetId: string }> }) {
  const { projectId, datasetId } = await params;
  return (
    <PageContainer>
      <DatasetPage projectId={projectId} datasetId={datasetId} />
    </PageContainer>
  );
}
