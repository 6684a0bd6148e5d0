"use client";

import { HeaderRow } from "@/components/ui/HeaderRow";
import { formatNumber } from "@/components/ui/formatNumber";
import type { TablePreview } from "@/pipeline/runtime/previewOutput";

/** A table's size, per-column statistics (missing share, distinct values, range, mean, most common values) and first rows. */
export function TablePreviewView({ table }: { table: TablePreview }) {
  return (
    <div className="flex flex-col gap-3">
      <p className="text-xs text-slate-500">
        {table.rowCount.toLocaleString("en")} rows × {table.columns.length} columns
        {table.stats.sampledRows < table.rowCount ? ` · stats on a sample of ${table.stats.sampledRows.toLocaleString("en")}` : ""}
      </p>
      <div className="overflow-x-auto">
        <table className="text-xs" aria-label="Column statistics">
          <HeaderRow labels={["column", "type", "missing", "distinct", "min", "max", "mean", "top values"]} />
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
                <td className="max-w-64 truncate px-2 py-1 text-slate-600">
                  {/* Categories say more by their commonest values than by a range. */}
                  {c.mean === null
                    ? c.top
                        .slice(0, 3)
                        .map((v) => `${v.value} (${v.count.toLocaleString("en")})`)
                        .join(", ")
                    : ""}
                </td>
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
