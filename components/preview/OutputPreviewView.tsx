"use client";

import { useState } from "react";
import { MetricsView } from "@/components/metrics/MetricsView";
import type { OutputPreview } from "@/pipeline/runtime/previewOutput";
import { LabelMatrixView } from "./LabelMatrixView";
import { PlotPreviewView } from "./PlotPreviewView";
import { TablePreviewView } from "./TablePreviewView";

/** A node output summarised for people: table, split (a tab per part), metrics, label matrix, plot, or why there is none. */
export function OutputPreviewView({ preview }: { preview: OutputPreview }) {
  const [part, setPart] = useState(0);
  switch (preview.kind) {
    case "failed":
      return (
        <p className="text-sm text-rose-600">
          {preview.nodeId ? `Node ${preview.nodeId} failed: ` : ""}
          {preview.message}
        </p>
      );
    case "table":
      return <TablePreviewView table={preview.table} />;
    case "labelMatrix":
      return <LabelMatrixView matrix={preview} />;
    case "metrics":
      return <MetricsView metrics={preview.metrics} />;
    case "plot":
      return <PlotPreviewView plot={preview.plot} />;
    case "split":
      return (
        <div className="flex flex-col gap-2">
          <div className="flex gap-1" role="tablist">
            {preview.parts.map((p, i) => (
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
          {preview.parts[part] && <TablePreviewView table={preview.parts[part].table} />}
        </div>
      );
  }
}
