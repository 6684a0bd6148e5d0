import { Suspense, type ReactNode } from "react";
import { ProjectBreadcrumbs } from "@/components/layout/ProjectBreadcrumbs";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <>
      <Suspense fallback={<div className="h-8 border-b border-slate-200 bg-slate-50" />}>
        <ProjectBreadcrumbs projectId={projectId} />
      </Suspense>
      {children}
    </>
  );
}
