"use client";

import type { OutputPreview, TablePreview } from "@/pipeline/runtime/previewOutput";
import { useState } from "react";
import { HeaderRow } from "@/components/ui/HeaderRow";
import { formatNumber } from "@/components/ui/formatNumber";
import { MetricsView } from "@/components/metrics/MetricsView";
import { LabelMatrixView } from "./LabelMatrixView";

function TableView({ table }: { table: TablePreview }) {
  return (
    <div className="flex flex-col gap-3">
      <p className="text-xs text-slate-500">
        {table.rowCount.toLocaleString("en")} rows × {table.columns.length} columns
        {table.stats.sampledRows < table.rowCount ? ` · stats on a sample of ${table.stats.sampledRows.toLocaleString("en")}` : ""}
      </p>
      <div className="overflow-x-auto">
        <table className="text-xs" aria-label="Column statistics">
          <HeaderRow labels={["column", "type", "missing", "distinct", "min", "max", "mean"]} />
          <tbody>
            {table.stats.columns.map((c) => (
              <tr key={c.name} className="border-t border-slate-100">
                <td className="px-2 py-1 font-medium">{c.name}</td>
                <td className="px-2 py-1 text-slate-500">{c.type}</td>
                <td className="px-2 py-1">
                  <span className="inline-block h-1.5 w-10 overflow-hidden rounded bg-slate-100 align-middle">
                    <span className="block h-full bg-rose-400" style={{ width: `${c.missingFraction * 100}%` }} />
                  </span>{" "}
                  {(c.missingFraction * 100).toFixed(1)}%
                </td>
                <td className="px-2 py-1">{c.distinct}</td>
                <td className="px-2 py-1">{formatNumber(c.min)}</td>
                <td className="px-2 py-1">{formatNumber(c.max)}</td>
                <td className="px-2 py-1">{formatNumber(c.mean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="overflow-x-auto">
        <table className="text-xs" aria-label="First rows">
          <HeaderRow labels={table.columns.map((c) => c.name)} />
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r} className="border-t border-slate-100">
                {row.map((cell, c) => (
                  <td key={c} className="max-w-48 truncate px-2 py-0.5 whitespace-nowrap">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export type PreviewState =
  | { status: "loading"; nodeId: string; port: string }
  | { status: "done"; nodeId: string; port: string; preview: OutputPreview }
  | { status: "error"; nodeId: string; port: string; message: string };

export function PreviewPanel({ state, onClose }: { state: PreviewState; onClose(): void }) {
  const [part, setPart] = useState(0);
  return (
    <section className="flex max-h-[45%] min-h-40 flex-col border-t border-slate-200 bg-white" aria-label="Data preview">
      <header className="flex items-center justify-between border-b border-slate-100 px-3 py-1.5">
        <h2 className="text-sm font-semibold">
          Preview · {state.nodeId}.{state.port}
        </h2>
        <button type="button" onClick={onClose} className="text-slate-400 hover:text-slate-700" aria-label="Close preview">
          ×
        </button>
      </header>
      <div className="overflow-auto p-3">
        {state.status === "loading" && <p className="text-sm text-slate-500">Computing preview in a background worker…</p>}
        {state.status === "error" && <p className="text-sm text-rose-600">{state.message}</p>}
        {state.status === "done" && state.preview.kind === "failed" && (
          <p className="text-sm text-rose-600">
            {state.preview.nodeId ? `Node ${state.preview.nodeId} failed: ` : ""}
            {state.preview.message}
          </p>
        )}
        {state.status === "done" && state.preview.kind === "table" && <TableView table={state.preview.table} />}
        {state.status === "done" && state.preview.kind === "labelMatrix" && <LabelMatrixView matrix={state.preview} />}
        {state.status === "done" && state.preview.kind === "metrics" && <MetricsView metrics={state.preview.metrics} />}
        {state.status === "done" && state.preview.kind === "split" && (
          <div className="flex flex-col gap-2">
            <div className="flex gap-1" role="tablist">
              {state.preview.parts.map((p, i) => (
                <button
                  key={p.name}
                  role="tab"
                  aria-selected={i === part}
                  onClick={() => setPart(i)}
                  className={`rounded px-2 py-0.5 text-xs ${i === part ? "bg-indigo-100 text-indigo-800" : "text-slate-600 hover:bg-slate-100"}`}
                >
                  {p.name} ({p.table.rowCount})
                </button>
              ))}
            </div>
            {state.preview.parts[part] && <TableView table={state.preview.parts[part].table} />}
          </div>
        )}
      </div>
    </section>
  );
}
