import { redirect } from "next/navigation";
import { PageContainer } from "@/components/layout/PageContainer";
import { RunsPage } from "@/components/runs/RunsPage";
import { getCurrentUser } from "@/server/auth/currentUser";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return (
    <PageContainer>
      <RunsPage projectId={projectId} currentUserId={user.id} />
    </PageContainer>
  );
}
