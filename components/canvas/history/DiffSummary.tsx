"use client";

import type { GraphDiff } from "../graphDiff";

function show(value: unknown): string {
  return value === undefined ? "default" : JSON.stringify(value);
}

/** The list beside the highlighted canvas: what each changed node's params went from and to. */
export function DiffSummary({ diff, title, onClose }: { diff: GraphDiff; title: string; onClose(): void }) {
  const changed = Object.entries(diff.nodes).filter(([, n]) => n.change !== "unchanged");
  return (
    <section
      className="absolute top-3 left-3 z-10 max-h-[70%] w-80 overflow-y-auto rounded-lg border border-slate-200 bg-white/95 p-3 text-xs shadow-lg"
      aria-label="Version diff"
    >
      <header className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-semibold">{title}</h2>
        <button type="button" onClick={onClose} className="text-slate-500 hover:text-slate-800">
          Close diff
        </button>
      </header>
      <p className="mb-2 flex gap-3">
        <span className="text-emerald-700">+{diff.summary.added} added</span>
        <span className="text-rose-700">−{diff.summary.removed} removed</span>
        <span className="text-amber-700">~{diff.summary.changed} changed</span>
      </p>
      {changed.length === 0 && diff.edges.added.length === 0 && diff.edges.removed.length === 0 && <p>No differences.</p>}
      <ul className="flex flex-col gap-1.5">
        {changed.map(([id, node]) => (
          <li key={id}>
            <span className={node.change === "added" ? "text-emerald-700" : node.change === "removed" ? "text-rose-700" : "text-amber-700"}>{node.change}</span>{" "}
            <span className="font-mono">{id}</span>
            {node.params.map((p) => (
              <div key={p.param} className="ml-3 font-mono text-slate-600">
                {p.param}: {show(p.before)} → {show(p.after)}
              </div>
            ))}
          </li>
        ))}
        {diff.edges.added.map((e) => (
          <li key={`+${e}`} className="font-mono text-emerald-700">
            + {e}
          </li>
        ))}
        {diff.edges.removed.map((e) => (
          <li key={`-${e}`} className="font-mono text-rose-700">
            − {e}
          </li>
        ))}
      </ul>
    </section>
  );
}
