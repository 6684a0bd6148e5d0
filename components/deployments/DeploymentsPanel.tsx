"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/Alert";
import { formatNumber } from "@/components/ui/formatNumber";
import { useTRPC } from "@/components/trpc/client";
import { servingLabel } from "./modelLabels";

/** Refreshed while the page is open, so the last hour's counts stay current. */
const REFRESH_MS = 30_000;

/** The project's endpoints: status, the model and version each serves, and its requests and errors in the last hour. */
export function DeploymentsPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const summary = useQuery({ ...trpc.deployment.summary.queryOptions({ projectId }), refetchInterval: REFRESH_MS });
  return (
    <section aria-labelledby="deployments-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="deployments-heading" className="mb-3 font-semibold">
        Deployments
      </h2>
      {summary.error && <Alert>{summary.error.message}</Alert>}
      {!summary.data && !summary.error && <p className="text-sm text-slate-500">Loading deployments…</p>}
      {summary.data?.length === 0 && (
        <p className="text-sm text-slate-500">
          No endpoints yet. Deploy a model from a run’s Model output on the{" "}
          <Link href={`/projects/${projectId}/runs`} className="text-indigo-700 hover:underline">
            Runs page
          </Link>
          .
        </p>
      )}
      {summary.data && summary.data.length > 0 && (
        <table className="w-full text-sm" aria-label="Deployments">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Status</th>
              <th className="py-1 font-medium">Serves</th>
              <th className="py-1 text-right font-medium">Requests (1 h)</th>
              <th className="py-1 text-right font-medium">Errors (1 h)</th>
            </tr>
          </thead>
          <tbody>
            {summary.data.map((d) => (
              <tr key={d.id} className="border-t border-slate-100">
                <td className="py-1.5">
                  <Link href={`/projects/${projectId}/deployments/${d.id}`} className="text-indigo-700 hover:underline">
                    {d.name}
                  </Link>
                </td>
                <td className="py-1.5">
                  {d.status}
                  {d.public ? " · public" : ""}
                </td>
                <td className="py-1.5">
                  {d.model ? (
                    <Link href={`/projects/${projectId}/models/${d.model.id}`} className="hover:underline">
                      {servingLabel({
                        modelName: d.model.name,
                        servedAlias: d.servedAlias,
                        registeredNumber: d.served?.registeredNumber ?? null,
                        servedNumber: d.served?.number ?? null,
                      })}
                    </Link>
                  ) : (
                    servingLabel({ modelName: null, servedAlias: null, registeredNumber: null, servedNumber: d.served?.number ?? null })
                  )}
                </td>
                <td className="py-1.5 text-right tabular-nums">{formatNumber(d.requestsLastHour)}</td>
                <td className={`py-1.5 text-right tabular-nums ${d.errorsLastHour > 0 ? "text-rose-700" : ""}`}>{formatNumber(d.errorsLastHour)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
