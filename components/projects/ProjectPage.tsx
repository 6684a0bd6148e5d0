"use client";

import { useQuery } from "@tanstack/react-query";
import { DeploymentsPanel } from "@/components/deployments/DeploymentsPanel";
import { NotebooksPanel } from "@/components/notebook/NotebooksPanel";
import { Alert } from "@/components/ui/Alert";
import { LabelingPanel } from "@/components/labeling/LabelingPanel";
import { ModelsPanel } from "@/components/registry/ModelsPanel";
import { FailingSchedules } from "@/components/schedules/FailingSchedules";
import { useTRPC } from "@/components/trpc/client";
import { ConnectionsPanel } from "@/components/connections/ConnectionsPanel";
import { DatasetsPanel } from "./DatasetsPanel";
import { MembersPanel } from "./MembersPanel";
import { PipelinesPanel } from "./PipelinesPanel";
import { ProjectHeader } from "./ProjectHeader";
import { ShareLinksPanel } from "./ShareLinksPanel";

export function ProjectPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  if (project.error) return <Alert>{project.error.message}</Alert>;
  if (!project.data) return <p className="text-sm text-slate-500">Loading project…</p>;
  const isOwner = project.data.role === "owner";
  return (
    <div className="flex flex-col gap-6">
      <ProjectHeader project={project.data} />
      <FailingSchedules projectId={projectId} />
      <PipelinesPanel projectId={projectId} canEdit={project.data.role !== "viewer"} />
      <ModelsPanel projectId={projectId} />
      <LabelingPanel projectId={projectId} />
      <DeploymentsPanel projectId={projectId} />
      <NotebooksPanel projectId={projectId} canEdit={project.data.role !== "viewer"} />
      <DatasetsPanel projectId={projectId} canEdit={project.data.role !== "viewer"} />
      <ConnectionsPanel projectId={projectId} />
      <div className="grid gap-6 lg:grid-cols-2">
        <MembersPanel projectId={projectId} isOwner={isOwner} />
        {isOwner && <ShareLinksPanel projectId={projectId} />}
      </div>
    </div>
  );
}
