import { redirect } from "next/navigation";
import { JoinProject } from "@/components/projects/JoinProject";
import { getCurrentUser } from "@/server/auth/currentUser";

export const dynamic = "force-dynamic";

export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await getCurrentUser())) redirect(`/signin?callbackUrl=${encodeURIComponent(`/share/${token}`)}`);
  return <JoinProject token={token} />;
}
