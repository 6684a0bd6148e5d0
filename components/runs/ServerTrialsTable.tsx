"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { HeaderRow } from "@/components/ui/HeaderRow";
import { useTRPC } from "@/components/trpc/client";
import { RunStatusBadge } from "./RunStatusBadge";

/** How often a running search is re-read: trials take seconds, so a second is live enough. */
const POLL_MS = 1000;

/**
 * A server run's tuner trials while they are spread over the workers: status, score
 * and which worker has each. Renders nothing for a run without trials.
 */
export function ServerTrialsTable({ projectId, runId, active }: { projectId: string; runId: string; active: boolean }) {
  const trpc = useTRPC();
  const trials = useQuery({ ...trpc.run.trials.queryOptions({ projectId, runId }), refetchInterval: active ? POLL_MS : false });
  const { refetch } = trials;
  const wasActive = useRef(active);
  // Polling stops when the run ends, usually between two polls: read the final state once more.
  useEffect(() => {
    if (wasActive.current && !active) void refetch();
    wasActive.current = active;
  }, [active, refetch]);
  const rows = trials.data ?? [];
  if (rows.length === 0) return null;
  const done = rows.filter((t) => t.status === "succeeded").length;
  const running = rows.filter((t) => t.status === "running").length;
  const perWorker = new Map<string, number>();
  for (const t of rows) if (t.workerId && t.status === "succeeded") perWorker.set(t.workerId, (perWorker.get(t.workerId) ?? 0) + 1);
  return (
    <section className="flex w-full flex-col gap-1" aria-label="Server trials">
      <h3 className="text-xs font-semibold text-slate-600">
        Trials on server workers · {done} of {rows.length} done{running > 0 ? ` · ${running} running` : ""}
        {perWorker.size > 0 ? ` · ${[...perWorker].map(([worker, n]) => `${worker}: ${n}`).join(", ")}` : ""}
      </h3>
      <div className="max-h-48 overflow-auto">
        <table className="text-xs" aria-label="Trials by worker">
          <HeaderRow labels={["node", "trial", "status", "score", "worker", "attempts"]} />
          <tbody>
            {rows.map((t) => (
              <tr key={`${t.nodeId}:${t.trial}`} className="border-t border-slate-100">
                <td className="px-2 py-0.5 font-mono">{t.nodeId}</td>
                <td className="px-2 py-0.5">{t.trial}</td>
                <td className="px-2 py-0.5" title={t.error ?? undefined}>
                  <RunStatusBadge status={t.status} />
                </td>
                <td className="px-2 py-0.5 font-mono">{t.score === null ? "" : t.score.toFixed(4)}</td>
                <td className="px-2 py-0.5 font-mono">{t.workerId ?? ""}</td>
                <td className="px-2 py-0.5">{t.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
