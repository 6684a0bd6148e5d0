"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NodeProgress } from "@/components/runs/runProgress";
import type { Diagnostic } from "@/pipeline/spec/diagnostics";
import type { PortDefinition } from "@/pipeline/spec/nodeDefinition";
import { catalogByKind, STAGE_COLORS } from "./catalog";
import { useEditor } from "./EditorContext";
import type { PipelineFlowNode } from "./flowGraph";
import type { NodeChange as DiffChange } from "./graphDiff";
import { PORT_SPACING, PORT_TOP, PREVIEWABLE_PORT_TYPES } from "./nodeGeometry";

const RUN_STYLES = {
  queued: "bg-slate-100 text-slate-600",
  running: "bg-sky-100 text-sky-800",
  cached: "bg-violet-100 text-violet-800",
  done: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
} as const;

const DIFF_STYLES = {
  added: "ring-2 ring-emerald-500",
  removed: "ring-2 ring-rose-500 opacity-60",
  changed: "ring-2 ring-amber-500",
  unchanged: "",
} as const;

/** One port: inputs on the left edge, outputs on the right, each with its name beside it. */
function PortHandle({ port, index, type }: { port: PortDefinition; index: number; type: "source" | "target" }) {
  const input = type === "target";
  return (
    <Handle
      id={port.name}
      type={type}
      position={input ? Position.Left : Position.Right}
      style={{ top: PORT_TOP + index * PORT_SPACING }}
      className={`!h-3 !w-3 !border-2 !border-white ${input ? "!bg-slate-500" : "!bg-indigo-500"}`}
      title={`${port.name}: ${port.type}${port.optional ? " (optional)" : ""}`}
    >
      <span className={`pointer-events-none absolute -top-1.5 text-[10px] whitespace-nowrap text-slate-500 ${input ? "left-3" : "right-3"}`}>{port.name}</span>
    </Handle>
  );
}

interface CardProps {
  id: string;
  data: PipelineFlowNode["data"];
  selected: boolean;
  run: NodeProgress | undefined;
  diagnostics: readonly Diagnostic[];
  change: DiffChange | undefined;
  outcome: string | undefined;
  onPreview(nodeId: string, port: string): void;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/**
 * Each node reads the editor context but redraws its card only when its own slice changed: a run
 * event or a recompile gives every node new context, and redrawing 300 cards for each one made large
 * pipelines stutter. Diagnostics arrays are rebuilt on every compile, so they compare by message.
 */
function sameCard(a: CardProps, b: CardProps): boolean {
  return (
    a.id === b.id &&
    a.data === b.data &&
    a.selected === b.selected &&
    a.run === b.run &&
    a.change === b.change &&
    a.outcome === b.outcome &&
    a.onPreview === b.onPreview &&
    a.diagnostics.length === b.diagnostics.length &&
    a.diagnostics.every((d, i) => d.message === b.diagnostics[i]!.message)
  );
}

function PipelineNodeView({ id, data, selected }: NodeProps<PipelineFlowNode>) {
  const { compiled, diff, onPreview, runProgress } = useEditor();
  const run = runProgress?.nodes[id];
  const summary = catalogByKind.get(data.kind);
  // A node with a side effect (Deploy) says on the canvas what it did, e.g. "registered iris v4; champion stays v3: …".
  const outcome =
    summary?.sideEffect && run?.state === "done" ? runProgress?.logs.findLast((log) => log.nodeId === id && log.level === "info")?.message : undefined;
  return (
    <PipelineNodeCard
      id={id}
      data={data}
      selected={selected}
      run={run}
      diagnostics={compiled.byNode.get(id) ?? NO_DIAGNOSTICS}
      change={diff?.[id]}
      outcome={outcome}
      onPreview={onPreview}
    />
  );
}

const PipelineNodeCard = memo(function PipelineNodeCard({ id, data, selected, run, diagnostics, change, outcome, onPreview }: CardProps) {
  const summary = catalogByKind.get(data.kind);
  const serverOnly = summary?.sideEffect ?? summary?.liveData;
  const rows = Math.max(summary?.inputs.length ?? 0, summary?.outputs.length ?? 0, 1);
  return (
    <div
      data-testid={`node-${id}`}
      data-kind={data.kind}
      className={`w-52 rounded-lg border bg-white text-xs shadow-sm ${selected ? "border-indigo-500 shadow-md" : "border-slate-300"} ${diagnostics.length > 0 ? "border-rose-400" : ""} ${change ? DIFF_STYLES[change] : ""}`}
    >
      <div className="flex items-center gap-2 border-b border-slate-100 px-2 py-1.5">
        <span className={`h-2.5 w-2.5 rounded-full ${summary ? STAGE_COLORS[summary.stage] : "bg-slate-400"}`} />
        <span className="flex-1 truncate font-semibold text-slate-800" title={`${data.label ? `${data.label}: ` : ""}${summary?.title ?? data.kind} (${id})`}>
          {data.label || (summary?.title ?? data.kind)}
          <span className="ml-1 font-normal text-slate-400">{data.label ? (summary?.title ?? data.kind) : id}</span>
        </span>
        {serverOnly && (
          <span className="rounded bg-slate-100 px-1 text-[10px] text-slate-600" title={`${serverOnly.reason}: runs on a server worker`}>
            server
          </span>
        )}
        {diagnostics.length > 0 && (
          <span
            className="rounded-full bg-rose-100 px-1.5 font-semibold text-rose-700"
            title={diagnostics.map((d) => d.message).join("\n")}
            data-testid={`diagnostics-${id}`}
          >
            {diagnostics.length}
          </span>
        )}
      </div>
      <div style={{ height: rows * PORT_SPACING + 4 }} />
      {run && (
        <div className="flex items-center gap-2 px-2 pt-1">
          <span className={`rounded px-1.5 text-[10px] font-medium ${RUN_STYLES[run.state]}`} data-testid={`run-state-${id}`}>
            {run.state}
          </span>
          {run.state === "running" && run.fraction !== undefined && (
            <span className="h-1.5 flex-1 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={Math.round(run.fraction * 100)}>
              <span className="block h-full bg-sky-500 transition-all" style={{ width: `${run.fraction * 100}%` }} />
            </span>
          )}
          {run.durationMs !== undefined && <span className="text-[10px] text-slate-400">{(run.durationMs / 1000).toFixed(1)} s</span>}
        </div>
      )}
      {diagnostics[0] && <div className="line-clamp-2 px-2 pb-1 text-[10px] text-rose-600">{diagnostics[0].message}</div>}
      {run?.error && <div className="line-clamp-3 px-2 pb-1 text-[10px] text-rose-600">{run.error}</div>}
      {outcome && (
        <div className="line-clamp-3 px-2 pb-1 text-[10px] text-slate-700" data-testid={`outcome-${id}`} title={outcome}>
          {outcome}
        </div>
      )}
      {summary?.outputs.some((port) => PREVIEWABLE_PORT_TYPES.has(port.type)) && (
        <div className="flex gap-1 border-t border-slate-100 px-2 py-1">
          {summary.outputs
            .filter((port) => PREVIEWABLE_PORT_TYPES.has(port.type))
            .map((port) => (
              <button
                key={port.name}
                type="button"
                className="nodrag rounded px-1 text-[10px] text-indigo-600 hover:bg-indigo-50"
                onClick={(event) => {
                  event.stopPropagation();
                  onPreview(id, port.name);
                }}
                aria-label={`Preview ${id} ${port.name}`}
              >
                ▸ preview {port.name}
              </button>
            ))}
        </div>
      )}
      {summary?.inputs.map((port, index) => (
        <PortHandle key={port.name} port={port} index={index} type="target" />
      ))}
      {summary?.outputs.map((port, index) => (
        <PortHandle key={port.name} port={port} index={index} type="source" />
      ))}
    </div>
  );
}, sameCard);

export const PipelineNode = memo(PipelineNodeView);
