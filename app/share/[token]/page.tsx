import { JoinProject } from "@/components/projects/JoinProject";
import { ShareInvitation } from "@/components/projects/ShareInvitation";
import { getCurrentUser } from "@/server/auth/currentUser";
import { db } from "@/server/db";
import { shareInvitation } from "@/server/projects/shareLinks";

export const dynamic = "force-dynamic";

export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await getCurrentUser())) return <ShareInvitation token={token} invitation={await shareInvitation(db, token.slice(0, 200))} />;
  return <JoinProject token={token} />;
}
