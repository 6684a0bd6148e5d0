"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { metricLabel, metricValue } from "@/components/metrics/metricText";
import { Alert } from "@/components/ui/Alert";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { AliasChips } from "./AliasChips";
import { orderedMetricNames } from "./metricColumns";
import { ProjectSectionHeader } from "@/components/layout/ProjectSectionHeader";

/** How many of the latest version's metrics the list shows; the model page shows them all. */
const LISTED_METRICS = 4;

/** The project's registered models: name, how many versions, aliases, and the latest version's metrics. */
export function ModelsPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const models = useQuery(trpc.registry.list.queryOptions({ projectId }));
  return (
    <div className="flex flex-col gap-6">
      <ProjectSectionHeader projectId={projectId} title="Models" />
      {models.error && <Alert>{models.error.message}</Alert>}
      {!models.data && !models.error && <p className="text-sm text-slate-500">Loading models…</p>}
      {models.data?.length === 0 && (
        <Alert tone="info">
          No registered models yet. Train a pipeline, then open its model from the{" "}
          <Link href={`/projects/${projectId}/runs`} className="underline">
            Runs page
          </Link>{" "}
          (“model lineage”) and press Register model.
        </Alert>
      )}
      {models.data && models.data.length > 0 && (
        <table className="w-full rounded-xl border border-slate-200 bg-white text-sm shadow-sm" aria-label="Registered models">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="p-2">Name</th>
              <th className="p-2">Versions</th>
              <th className="p-2">Aliases</th>
              <th className="p-2">Latest version</th>
              <th className="p-2">Latest metrics</th>
            </tr>
          </thead>
          <tbody>
            {models.data.map((m) => (
              <tr key={m.id} className="border-t border-slate-100 align-top">
                <td className="p-2">
                  <Link href={`/projects/${projectId}/models/${m.id}`} className="font-medium text-indigo-700 hover:underline">
                    {m.name}
                  </Link>
                  {m.description && <p className="line-clamp-1 text-xs text-slate-500">{m.description}</p>}
                </td>
                <td className="p-2">{m.versionCount}</td>
                <td className="p-2">
                  <AliasChips aliases={m.aliases} />
                </td>
                <td className="p-2 whitespace-nowrap">{m.latest ? `v${m.latest.number} · ${formatDate(m.latest.createdAt)}` : "–"}</td>
                <td className="p-2 font-mono text-xs">
                  {m.latest
                    ? orderedMetricNames(Object.keys(m.latest.metrics))
                        .slice(0, LISTED_METRICS)
                        .map((name) => `${metricLabel(name)} ${metricValue(name, m.latest!.metrics[name]!)}`)
                        .join(" · ") || "no metrics"
                    : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
