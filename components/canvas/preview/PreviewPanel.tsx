"use client";

import { useState } from "react";
import { OutputPreviewView } from "@/components/preview/OutputPreviewView";
import { SPLIT_PARTS, type SplitPart } from "@/pipeline/runtime/outputCsv";
import type { OutputPreview } from "@/pipeline/runtime/previewOutput";

export type PreviewState =
  | { status: "loading"; nodeId: string; port: string }
  | { status: "done"; nodeId: string; port: string; preview: OutputPreview }
  | { status: "error"; nodeId: string; port: string; message: string };

const SPLIT_PART_NAMES = Object.keys(SPLIT_PARTS) as SplitPart[];

export function PreviewPanel({
  state,
  onClose,
  onDownloadCsv,
}: {
  state: PreviewState;
  onClose(): void;
  onDownloadCsv(part?: SplitPart): Promise<string | null>;
}) {
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const kind = state.status === "done" ? state.preview.kind : null;
  const download = (part?: SplitPart) => {
    setDownloading(true);
    setDownloadError(null);
    onDownloadCsv(part)
      .then(setDownloadError, (error: unknown) => setDownloadError(error instanceof Error ? error.message : String(error)))
      .finally(() => setDownloading(false));
  };
  const downloadButton = (label: string, part?: SplitPart) => (
    <button
      key={label}
      type="button"
      disabled={downloading}
      onClick={() => download(part)}
      className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-50"
      title="Every row of this output as a CSV file"
    >
      {label}
    </button>
  );
  return (
    <section className="flex max-h-[45%] min-h-40 flex-col border-t border-slate-200 bg-white" aria-label="Data preview">
      <header className="flex items-center gap-2 border-b border-slate-100 px-3 py-1.5">
        <h2 className="text-sm font-semibold">
          Preview · {state.nodeId}.{state.port}
        </h2>
        {kind === "table" && downloadButton("Download CSV")}
        {kind === "split" && SPLIT_PART_NAMES.map((part) => downloadButton(`${part}.csv`, part))}
        {downloading && <span className="text-xs text-slate-500">Writing CSV…</span>}
        {downloadError && (
          <span role="alert" className="text-xs text-rose-600">
            {downloadError}
          </span>
        )}
        <button type="button" onClick={onClose} className="ml-auto text-slate-400 hover:text-slate-700" aria-label="Close preview">
          ×
        </button>
      </header>
      <div className="overflow-auto p-3">
        {state.status === "loading" && <p className="text-sm text-slate-500">Computing preview in a background worker…</p>}
        {state.status === "error" && <p className="text-sm text-rose-600">{state.message}</p>}
        {state.status === "done" && <OutputPreviewView preview={state.preview} />}
      </div>
    </section>
  );
}
