"use client";

import { HeaderRow } from "@/components/ui/HeaderRow";
import type { LabelMatrixPreview } from "@/pipeline/runtime/previewOutput";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function Bar({ share, color }: { share: number; color: string }) {
  return (
    <span className="inline-block h-1.5 w-16 overflow-hidden rounded bg-slate-100 align-middle">
      <span className={`block h-full ${color}`} style={{ width: `${Math.min(1, share) * 100}%` }} />
    </span>
  );
}

/** Per-function coverage, overlaps, conflicts and dev accuracy, plus the class balance of the combined labels. */
export function LabelMatrixView({ matrix }: { matrix: LabelMatrixPreview }) {
  return (
    <div className="flex flex-wrap gap-6">
      <table className="text-xs" aria-label="Labeling function analysis">
        <HeaderRow
          labels={["function", "votes for", "coverage", "overlaps", "conflicts", matrix.devRows ? `dev accuracy (${matrix.devRows} rows)` : "dev accuracy"]}
        />
        <tbody>
          {matrix.functions.map((f) => (
            <tr key={f.name} className="border-t border-slate-100">
              <td className="px-2 py-1 font-medium">{f.name}</td>
              <td className="px-2 py-1 text-slate-600">{f.polarity.join(", ") || "–"}</td>
              <td className="px-2 py-1">
                <Bar share={f.coverage} color="bg-indigo-500" /> {percent(f.coverage)}
              </td>
              <td className="px-2 py-1">{percent(f.overlaps)}</td>
              <td className="px-2 py-1">
                <Bar share={f.conflicts} color="bg-rose-400" /> {percent(f.conflicts)}
              </td>
              <td className="px-2 py-1">{f.accuracy === undefined ? "–" : `${percent(f.accuracy)} of ${f.devVotes}`}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-300 font-medium">
            <td className="px-2 py-1">all functions</td>
            <td />
            <td className="px-2 py-1">{percent(matrix.coverage)}</td>
            <td className="px-2 py-1">{percent(matrix.overlaps)}</td>
            <td className="px-2 py-1">{percent(matrix.conflicts)}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <div className="flex flex-col gap-1 text-xs" aria-label="Class balance">
        <h3 className="font-semibold text-slate-600">Class balance (majority vote)</h3>
        {matrix.classBalance.classes.map((c) => (
          <div key={c.class} className="flex items-center gap-2">
            <span className="w-20 truncate">{c.class}</span>
            <Bar share={c.share} color="bg-emerald-500" />
            <span>
              {c.rows} ({percent(c.share)})
            </span>
          </div>
        ))}
        <div className="text-slate-500">{matrix.classBalance.unlabelled} rows unlabelled</div>
      </div>
    </div>
  );
}
