"use client";

import { useMemo, useState } from "react";
import { catalogNodes, STAGE_COLORS, stages } from "./catalog";

export const NODE_DRAG_TYPE = "application/x-vajra-node-kind";

/** Searchable list of node kinds, grouped by stage; drag onto the canvas or click to add. */
export function Palette({ onAdd }: { onAdd(kind: string): void }) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching = catalogNodes.filter((n) => !q || `${n.title} ${n.kind} ${n.description} ${n.stage}`.toLowerCase().includes(q));
    return stages.map((stage) => ({ stage, nodes: matching.filter((n) => n.stage === stage) })).filter((g) => g.nodes.length > 0);
  }, [query]);

  return (
    <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white" aria-label="Node palette">
      <div className="border-b border-slate-100 p-2">
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search nodes…"
          aria-label="Search nodes"
          className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      <div className="flex-1 overflow-y-auto p-2">
        {groups.length === 0 && <p className="p-2 text-xs text-slate-500">No node matches “{query}”.</p>}
        {groups.map(({ stage, nodes }) => (
          <section key={stage} className="mb-3">
            <h3 className="mb-1 flex items-center gap-1.5 px-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
              <span className={`h-2 w-2 rounded-full ${STAGE_COLORS[stage]}`} />
              {stage}
            </h3>
            <ul>
              {nodes.map((node) => (
                <li key={node.kind}>
                  <button
                    type="button"
                    draggable
                    onDragStart={(event) => {
                      event.dataTransfer.setData(NODE_DRAG_TYPE, node.kind);
                      event.dataTransfer.effectAllowed = "move";
                    }}
                    onClick={() => onAdd(node.kind)}
                    title={node.description}
                    data-testid={`palette-${node.kind}`}
                    className="w-full cursor-grab rounded px-2 py-1 text-left text-sm text-slate-700 hover:bg-indigo-50 active:cursor-grabbing"
                  >
                    {node.title}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
