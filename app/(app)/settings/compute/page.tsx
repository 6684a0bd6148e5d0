import { PageContainer } from "@/components/layout/PageContainer";
import { ComputeSettings } from "@/components/runs/ComputeSettings";

export default function ComputePage() {
  return (
    <PageContainer>
      <ComputeSettings />
    </PageContainer>
  );
}
