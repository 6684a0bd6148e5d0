import { PageContainer } from "@/components/layout/PageContainer";
import { AccountSecurity } from "@/components/settings/AccountSecurity";

export default function AccountPage() {
  return (
    <PageContainer>
      <AccountSecurity />
    </PageContainer>
  );
}
