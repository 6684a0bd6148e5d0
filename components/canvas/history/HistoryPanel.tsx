"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";

interface Props {
  projectId: string;
  pipelineId: string;
  readOnly: boolean;
  onRestore(versionId: string): void;
  onCompare(olderId: string, newerId: string): void;
  onClose(): void;
}

/** Saved versions, newest first: restore one into the editor, or tick two to compare. */
export function HistoryPanel({ projectId, pipelineId, readOnly, onRestore, onCompare, onClose }: Props) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.pipeline.versions.queryOptions({ projectId, pipelineId }));
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const compare = () => {
    const ordered = (versions.data ?? []).filter((v) => picked.includes(v.id)).sort((a, b) => a.number - b.number);
    if (ordered.length === 2) onCompare(ordered[0]!.id, ordered[1]!.id);
  };

  return (
    <aside className="flex w-72 shrink-0 flex-col border-l border-slate-200 bg-white" aria-label="Version history">
      <header className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
        <h2 className="text-sm font-semibold">History</h2>
        <button type="button" onClick={onClose} aria-label="Close history" className="text-slate-400 hover:text-slate-700">
          ×
        </button>
      </header>
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2 text-xs text-slate-500">
        <span>Tick two versions to compare.</span>
        <Button variant="secondary" disabled={picked.length !== 2} onClick={compare}>
          Compare
        </Button>
      </div>
      {versions.data?.length === 0 && <p className="p-3 text-sm text-slate-500">No saved versions yet.</p>}
      <ol className="flex-1 overflow-y-auto">
        {versions.data?.map((v) => (
          <li key={v.id} className="border-b border-slate-100 px-3 py-2 text-sm" data-testid={`version-${v.number}`}>
            <div className="flex items-start gap-2">
              <input
                type="checkbox"
                aria-label={`Compare version ${v.number}`}
                checked={picked.includes(v.id)}
                onChange={() => toggle(v.id)}
                className="mt-1"
              />
              <div className="flex-1">
                <div className="font-medium">
                  v{v.number} · {v.message}
                </div>
                <div className="text-xs text-slate-500">
                  {v.author.name || v.author.email} · {formatDate(v.createdAt)}
                  {v.specHash ? "" : " · has errors"}
                </div>
              </div>
              {!readOnly && (
                <Button variant="ghost" onClick={() => onRestore(v.id)}>
                  Restore
                </Button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}
