"use client";

import { HeaderRow } from "@/components/ui/HeaderRow";
import { LineChart } from "@/components/charts/LineChart";
import type { TrialRecord } from "@/pipeline/spec/portValues";

/** A tuner's trials: score over trials (and the best so far) beside the table of params. */
export function TrialsView({ trials }: { trials: TrialRecord[] }) {
  const scored = trials.filter((t) => Number.isFinite(t.score));
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  return (
    <div className="flex flex-wrap gap-6">
      <div className="w-80">
        <LineChart
          title="Score over trials"
          xLabel="trial"
          series={[{ name: "score", points: scored.map((t) => ({ x: t.trial, y: t.score })) }]}
        />
      </div>
      <table className="text-xs" aria-label="Trials">
        <HeaderRow labels={["trial", "score", ...paramNames, "duration", "pruned"]} />
        <tbody>
          {trials.map((t) => (
            <tr key={`${t.trial}-${t.budget ?? ""}`} className={`border-t border-slate-100 ${t.pruned ? "text-slate-400" : ""}`}>
              <td className="px-2 py-1">{t.trial}</td>
              <td className="px-2 py-1 font-mono">{Number.isFinite(t.score) ? t.score.toFixed(4) : "failed"}</td>
              {paramNames.map((p) => (
                <td key={p} className="px-2 py-1 font-mono">
                  {t.params[p] === undefined ? "" : typeof t.params[p] === "number" ? Number((t.params[p] as number).toPrecision(4)) : String(t.params[p])}
                </td>
              ))}
              <td className="px-2 py-1">{(t.durationMs / 1000).toFixed(2)} s</td>
              <td className="px-2 py-1">{t.pruned ? "pruned" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
