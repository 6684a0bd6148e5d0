"use client";

import type { OutputPreview } from "@/pipeline/runtime/previewOutput";
import { OutputPreviewView } from "@/components/preview/OutputPreviewView";

export type PreviewState =
  | { status: "loading"; nodeId: string; port: string }
  | { status: "done"; nodeId: string; port: string; preview: OutputPreview }
  | { status: "error"; nodeId: string; port: string; message: string };

export function PreviewPanel({ state, onClose }: { state: PreviewState; onClose(): void }) {
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
        {state.status === "done" && <OutputPreviewView preview={state.preview} />}
      </div>
    </section>
  );
}
