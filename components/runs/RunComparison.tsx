"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/Alert";
import { useTRPC } from "@/components/trpc/client";
import { canonicalJson } from "@/pipeline/spec/canonicalJson";
import { metricLabel, metricValue } from "@/components/metrics/metricText";
import { formatNumber } from "@/components/ui/formatNumber";

function show(value: unknown): string {
  return value === null || value === undefined ? "–" : typeof value === "number" ? formatNumber(value) : JSON.stringify(value);
}

/** Two runs node by node (by the node's name where it has one): params that differ and metrics side by side, with the difference. */
export function RunComparison({ projectId, runIds }: { projectId: string; runIds: [string, string] }) {
  const trpc = useTRPC();
  const comparison = useQuery(trpc.run.compare.queryOptions({ projectId, runIds }));
  if (comparison.error) return <Alert>{comparison.error.message}</Alert>;
  if (!comparison.data) return <p className="text-sm text-slate-500">Comparing…</p>;
  const [a, b] = comparison.data.runs;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Run comparison">
      <h2 className="mb-3 font-semibold">
        Run v{a.version.number} ({a.target}) vs v{b.version.number} ({b.target})
      </h2>
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1">Node</th>
            <th className="py-1">What</th>
            <th className="py-1">Run A</th>
            <th className="py-1">Run B</th>
            <th className="py-1">B − A</th>
          </tr>
        </thead>
        <tbody>
          {comparison.data.nodes.flatMap((node) => {
            const rows: React.ReactNode[] = [];
            const [pa, pb] = node.params;
            const keys = [...new Set([...Object.keys(pa ?? {}), ...Object.keys(pb ?? {})])];
            for (const key of keys) {
              const va = pa?.[key];
              const vb = pb?.[key];
              if (canonicalJson(va ?? null) === canonicalJson(vb ?? null)) continue;
              rows.push(
                <tr key={`${node.nodeId}-p-${key}`} className="border-t border-slate-100 bg-amber-50/50">
                  <td className="py-1 text-xs" title={node.nodeId}>
                    {node.label ?? node.nodeId}
                  </td>
                  <td className="py-1 text-xs">param {key}</td>
                  <td className="py-1 font-mono text-xs">{show(va)}</td>
                  <td className="py-1 font-mono text-xs">{show(vb)}</td>
                  <td />
                </tr>,
              );
            }
            const [ma, mb] = node.metrics;
            for (const name of [...new Set([...Object.keys(ma ?? {}), ...Object.keys(mb ?? {})])]) {
              const va = ma?.[name];
              const vb = mb?.[name];
              const delta = va !== undefined && vb !== undefined ? vb - va : null;
              rows.push(
                <tr key={`${node.nodeId}-m-${name}`} className="border-t border-slate-100">
                  <td className="py-1 text-xs" title={node.nodeId}>
                    {node.label ?? node.nodeId}
                  </td>
                  <td className="py-1 text-xs" title={name}>
                    {metricLabel(name)}
                  </td>
                  <td className="py-1 font-mono text-xs">{metricValue(name, va ?? null)}</td>
                  <td className="py-1 font-mono text-xs">{metricValue(name, vb ?? null)}</td>
                  <td className={`py-1 font-mono text-xs ${delta === null || delta === 0 ? "" : delta > 0 ? "text-emerald-700" : "text-rose-700"}`}>
                    {delta === null ? "" : `${delta > 0 ? "+" : ""}${metricValue(name, delta)}`}
                  </td>
                </tr>,
              );
            }
            return rows;
          })}
        </tbody>
      </table>
    </section>
  );
}
