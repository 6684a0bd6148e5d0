"use client";

import type { BaseVersion } from "../baseVersion";
import type { CompiledGraph } from "../useCompiledGraph";
import type { DraftStatus } from "../useDraftAutosave";

/** The pipeline's name, the version it is based on, whether the draft is saved and whether it compiles. */
export function PipelineStatus({
  name,
  base,
  readOnly,
  draftStatus,
  compiled,
}: {
  name: string;
  base: BaseVersion | null;
  readOnly: boolean;
  draftStatus: DraftStatus;
  compiled: CompiledGraph;
}) {
  const problemCount = compiled.result.diagnostics.length + compiled.datasetFailures.length;
  return (
    <>
      <h1 className="mr-2 min-w-0 truncate font-semibold" data-testid="pipeline-name" title={name}>
        {name}
      </h1>
      <span className="shrink-0 text-xs whitespace-nowrap text-slate-500" data-testid="base-version">
        {base ? `v${base.number}` : "unsaved"}
        {readOnly ? " · read-only" : ""}
      </span>
      <span className="min-w-0 truncate text-xs text-slate-400" data-testid="draft-status">
        {draftStatus.state === "pending" && "Unsaved changes…"}
        {draftStatus.state === "saving" && "Saving draft…"}
        {draftStatus.state === "saved" && "Draft saved"}
        {draftStatus.state === "error" && `Draft not saved: ${draftStatus.message}`}
        {draftStatus.state === "conflict" && "Draft not saved: changed elsewhere"}
      </span>
      <span className={`shrink-0 text-xs whitespace-nowrap ${problemCount > 0 ? "text-rose-600" : "text-emerald-600"}`} data-testid="compile-status">
        {problemCount > 0 ? `${problemCount} problem${problemCount === 1 ? "" : "s"}` : "Compiles"}
      </span>
    </>
  );
}
