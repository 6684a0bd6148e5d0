import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/AppHeader";
import { getCurrentUser } from "@/server/auth/currentUser";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return (
    <>
      <AppHeader email={user.email} />
      {children}
    </>
  );
}
