"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Fragment } from "react";
import { useTRPC } from "@/components/trpc/client";
import { formatDate } from "@/components/ui/formatDate";
import { projectRouteOf, trailInput } from "./projectTrail";

interface Crumb {
  label: string;
  href?: string;
}

/** Projects › project › pipeline › run (and the like) above every project page, so no page is a dead end. */
export function ProjectBreadcrumbs({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const route = projectRouteOf(usePathname(), new URLSearchParams(useSearchParams().toString()));
  const trail = useQuery(trpc.navigation.trail.queryOptions({ projectId, ...trailInput(route) }));
  const base = `/projects/${projectId}`;
  const data = trail.data;
  const crumbs: Crumb[] = [
    { label: "Projects", href: "/projects" },
    { label: data?.project.name ?? "Project", href: base },
  ];
  const extra: Crumb[] = [];
  switch (route.page) {
    case "pipeline":
      crumbs.push({ label: data?.pipeline?.name ?? "Pipeline" });
      extra.push({ label: "Runs of this pipeline", href: `${base}/runs?pipeline=${route.pipelineId}` });
      break;
    case "runs":
      if (data?.run) {
        crumbs.push({ label: data.run.pipeline.name, href: `${base}/pipelines/${data.run.pipeline.id}` });
        crumbs.push({ label: "Runs", href: `${base}/runs?pipeline=${data.run.pipeline.id}` });
        crumbs.push({ label: `Run of v${data.run.version} · ${formatDate(data.run.createdAt)}` });
      } else if (data?.pipeline) {
        crumbs.push({ label: data.pipeline.name, href: `${base}/pipelines/${data.pipeline.id}` });
        crumbs.push({ label: "Runs" });
      } else crumbs.push({ label: "Runs" });
      break;
    case "artifact":
      crumbs.push({ label: "Runs", href: `${base}/runs` });
      if (data?.artifact?.runId) crumbs.push({ label: "Run", href: `${base}/runs?run=${data.artifact.runId}` });
      crumbs.push({ label: data?.artifact ? `${data.artifact.nodeId} · ${data.artifact.port}` : "Output" });
      break;
    case "deployment":
      crumbs.push({ label: "Deployments", href: `${base}#deployments` });
      crumbs.push({ label: data?.deployment?.name ?? "Deployment" });
      break;
    case "notebook":
      crumbs.push({ label: data?.notebook?.name ?? "Notebook" });
      break;
    case "models":
      if (route.registeredModelId) {
        crumbs.push({ label: "Models", href: `${base}/models` });
        crumbs.push({ label: data?.model?.name ?? "Model" });
      } else crumbs.push({ label: "Models" });
      break;
    case "labeling":
      if (route.queueId) {
        crumbs.push({ label: "Labeling", href: `${base}/labeling` });
        crumbs.push({ label: data?.labelingQueue?.name ?? "Queue" });
      } else crumbs.push({ label: "Labeling" });
      break;
    case "dataset":
      crumbs.push({ label: "Datasets", href: `${base}#datasets` });
      crumbs.push({ label: data?.dataset?.name ?? "Dataset" });
      break;
    case "connections":
      crumbs.push({ label: "Connections" });
      break;
    default:
      break;
  }
  const last = crumbs.length - 1;
  return (
    <nav aria-label="Breadcrumb" className="flex h-8 items-center gap-4 border-b border-slate-200 bg-slate-50 px-4 text-xs text-slate-600">
      <ol className="flex min-w-0 items-center gap-1.5">
        {crumbs.map((crumb, i) => (
          <Fragment key={i}>
            {i > 0 && (
              <li aria-hidden className="text-slate-400">
                ›
              </li>
            )}
            <li className="truncate">
              {crumb.href && i !== last ? (
                <Link href={crumb.href} className="hover:text-indigo-700 hover:underline">
                  {crumb.label}
                </Link>
              ) : (
                <span aria-current={i === last ? "page" : undefined} className="font-medium text-slate-800">
                  {crumb.label}
                </span>
              )}
            </li>
          </Fragment>
        ))}
      </ol>
      {extra.map((link) => (
        <Link key={link.label} href={link.href!} className="ml-auto shrink-0 text-indigo-700 hover:underline">
          {link.label} →
        </Link>
      ))}
    </nav>
  );
}
