"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/Alert";
import { useTRPC } from "@/components/trpc/client";
import { MetricsView } from "./MetricsView";

/** A stored Metrics artifact drawn from the server, so a finished run's figures and trials need no re-run. */
export function StoredMetrics({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const trpc = useTRPC();
  const stored = useQuery(trpc.artifact.metrics.queryOptions({ projectId, artifactId }));
  if (stored.error) return <Alert>{stored.error.message}</Alert>;
  if (!stored.data) return <p className="text-xs text-slate-500">Loading metrics…</p>;
  if (!stored.data.metrics) return null;
  return <MetricsView metrics={stored.data.metrics} />;
}
