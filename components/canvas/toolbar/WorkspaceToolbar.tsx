"use client";

import { SchedulesButton } from "@/components/schedules/SchedulesButton";
import { Button } from "@/components/ui/Button";
import { useHydrated } from "@/components/ui/useHydrated";
import type { BaseVersion } from "../baseVersion";
import { SaveVersionForm } from "../SaveVersionForm";
import type { CanvasLayout } from "../useCanvasLayout";
import type { CompiledGraph } from "../useCompiledGraph";
import type { DraftStatus } from "../useDraftAutosave";
import type { GraphHistory } from "../useGraphHistory";
import type { PipelineSave } from "../usePipelineSave";
import type { RunLaunch } from "../useRunLaunch";
import { PipelineStatus } from "./PipelineStatus";

interface Props {
  projectId: string;
  pipelineId: string;
  pipelineName: string;
  base: BaseVersion | null;
  /** Saving and running show to anyone who may edit, even while a comparison is shown. */
  readOnly: boolean;
  /** Editing commands show only while the graph itself can be edited (not read-only, no comparison shown). */
  editable: boolean;
  draftStatus: DraftStatus;
  compiled: CompiledGraph;
  history: Pick<GraphHistory, "undo" | "redo" | "canUndo" | "canRedo">;
  view: CanvasLayout;
  onExport(): void;
  onToggleHistory(): void;
  onAddNote(): void;
  save: Pick<PipelineSave, "formOpen" | "openForm" | "closeForm" | "pending" | "submitVersion">;
  launch: Pick<RunLaunch, "placement" | "setPlacement" | "startRun" | "startRunIgnoringCache">;
  /** A run is queued or running, so another cannot start. */
  runBusy: boolean;
}

/** The bar above the canvas: the pipeline's status, its commands, and the save form when open. */
export function WorkspaceToolbar(props: Props) {
  const {
    projectId,
    pipelineId,
    pipelineName,
    base,
    readOnly,
    editable,
    draftStatus,
    compiled,
    history,
    view,
    onExport,
    onToggleHistory,
    onAddNote,
    save,
    launch,
    runBusy,
  } = props;
  const hydrated = useHydrated();
  return (
    <div className="relative flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
      <PipelineStatus name={pipelineName} base={base} readOnly={readOnly} draftStatus={draftStatus} compiled={compiled} />
      <div className="ml-auto flex shrink-0 items-center gap-1">
        {editable && (
          <>
            <Button variant="ghost" onClick={history.undo} disabled={!history.canUndo} title="Undo (Ctrl+Z)">
              Undo
            </Button>
            <Button variant="ghost" onClick={history.redo} disabled={!history.canRedo} title="Redo (Ctrl+Shift+Z)">
              Redo
            </Button>
            <Button variant="ghost" onClick={view.layout} title="Auto-layout (Shift+L)">
              Auto-layout
            </Button>
            <Button variant="ghost" onClick={onAddNote} title="Add a sticky note (N)">
              Note
            </Button>
          </>
        )}
        <Button variant="ghost" onClick={view.fitView} title="Fit to view (F)">
          Fit
        </Button>
        <Button variant="ghost" onClick={onExport} title="Download the compiled spec for the CLI">
          Export spec
        </Button>
        <Button variant="secondary" onClick={onToggleHistory}>
          History
        </Button>
        <SchedulesButton projectId={projectId} pipelineId={pipelineId} pipelineName={pipelineName} canEdit={!readOnly} />
        {!readOnly && (
          <>
            <Button variant="secondary" onClick={save.openForm} title="Save version (Ctrl+S)">
              Save version
            </Button>
            <select
              aria-label="Where to run"
              value={launch.placement}
              disabled={!hydrated}
              onChange={(e) => launch.setPlacement(e.target.value === "browser" ? "browser" : e.target.value === "server" ? "server" : "auto")}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              title="Auto picks by rows × features × epochs"
            >
              <option value="auto">Auto</option>
              <option value="browser">Browser</option>
              <option value="server">Server</option>
            </select>
            <Button onClick={() => void launch.startRun()} disabled={runBusy || !hydrated} title="Run the pipeline (Ctrl+Enter)">
              Run
            </Button>
            <Button
              variant="secondary"
              onClick={() => void launch.startRunIgnoringCache()}
              disabled={runBusy || !hydrated}
              title="Re-execute every node instead of reusing cached results (Ctrl+Shift+Enter)"
            >
              Run (ignore cache)
            </Button>
          </>
        )}
      </div>
      {save.formOpen && <SaveVersionForm pending={save.pending} onSave={(m) => void save.submitVersion(m)} onCancel={save.closeForm} />}
    </div>
  );
}
