"use client";

import { useState } from "react";
import type { CellOutput } from "@/contracts/notebookCells";

const PAGE_SIZE = 10;

type TableOutput = Extract<CellOutput, { type: "table" }>;

/** A displayed table, a page at a time (the notebook keeps the first rows; rowCount is the whole table's). */
export function OutputTable({ output }: { output: TableOutput }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(output.rows.length / PAGE_SIZE));
  const rows = output.rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  return (
    <div className="flex flex-col gap-1" data-testid="output-table">
      <div className="overflow-x-auto">
        <table className="min-w-full text-xs">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              {output.columns.map((c) => (
                <th key={c.name} className="px-2 py-1 font-medium text-slate-700" title={c.type}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r} className="border-b border-slate-100">
                {row.map((value, c) => (
                  <td key={c} className={`px-2 py-0.5 ${typeof value === "number" ? "text-right tabular-nums" : ""}`}>
                    {value === null ? <span className="text-slate-400">–</span> : String(value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center gap-2 text-[11px] text-slate-500">
        <span>
          {output.rowCount} rows × {output.columns.length} columns
          {output.rows.length < output.rowCount ? ` (first ${output.rows.length} kept)` : ""}
        </span>
        {pages > 1 && (
          <>
            <button type="button" className="rounded border px-1 disabled:opacity-40" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span>
              Page {page + 1} of {pages}
            </span>
            <button type="button" className="rounded border px-1 disabled:opacity-40" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </>
        )}
      </div>
    </div>
  );
}
