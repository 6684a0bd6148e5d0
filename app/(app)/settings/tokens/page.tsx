import { PageContainer } from "@/components/layout/PageContainer";
import { ApiTokens } from "@/components/settings/ApiTokens";

export default function TokensPage() {
  return (
    <PageContainer>
      <ApiTokens />
    </PageContainer>
  );
}
