"use client";

import { useQuery } from "@tanstack/react-query";
import { Background, Controls, MiniMap, ReactFlow } from "@xyflow/react";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useTRPC } from "@/components/trpc/client";
import { isActive } from "@/contracts/runStatus";
import type { StoredGraph } from "@/contracts/storedGraph";
import { EditorContext, type EditorContextValue } from "./EditorContext";
import { toStored, type PipelineFlowNode } from "./flowGraph";
import { DiffSummary } from "./history/DiffSummary";
import { HistoryPanel } from "./history/HistoryPanel";
import { useVersionComparison } from "./history/useVersionComparison";
import { Inspector } from "./inspector/Inspector";
import { SHORTCUTS } from "./keyboard";
import { Palette } from "./Palette";
import { PipelineNode } from "./PipelineNode";
import { PreviewPanel } from "./preview/PreviewPanel";
import { useNodePreview } from "./preview/useNodePreview";
import { SaveVersionForm } from "./SaveVersionForm";
import { useCompiledGraph } from "./useCompiledGraph";
import { RunPanel } from "@/components/runs/RunPanel";
import { usePipelineRun } from "@/components/runs/usePipelineRun";
import { useDraftAutosave } from "./useDraftAutosave";
import { useCanvasLayout } from "./useCanvasLayout";
import { useGraphEditing } from "./useGraphEditing";
import { useGraphHistory } from "./useGraphHistory";
import { useLoadStoredDraft } from "./useLoadStoredDraft";
import { usePipelineSave } from "./usePipelineSave";
import { DraftConflictBanner, VersionConflictBanner } from "./ConflictBanners";
import { usePipelineClipboard } from "./usePipelineClipboard";
import { usePipelineExport } from "./usePipelineExport";
import { useRunLaunch } from "./useRunLaunch";
import { useKeyboardShortcuts } from "./useKeyboardShortcuts";
import { useToast } from "./useToast";

const nodeTypes = { pipeline: PipelineNode };

export interface WorkspaceProps {
  projectId: string;
  pipeline: { id: string; name: string };
  readOnly: boolean;
  initialGraph: StoredGraph;
  baseVersion: { id: string; number: number } | null;
  /** When the draft the editor opened was last written; null when it opened a version. */
  draftUpdatedAt: Date | null;
  notice: string | null;
}

export function PipelineWorkspace({ projectId, pipeline, readOnly, initialGraph, baseVersion, draftUpdatedAt, notice }: WorkspaceProps) {
  const trpc = useTRPC();
  const history = useGraphHistory(initialGraph);
  const { flow } = history;
  const graph = useMemo(() => toStored(flow), [flow]);
  const compiled = useCompiledGraph(projectId, graph);
  const datasets = useQuery(trpc.dataset.list.queryOptions({ projectId }));
  const datasetReferences = useMemo(() => datasets.data?.map((d) => d.reference) ?? [], [datasets.data]);
  const runs = usePipelineRun(projectId);
  const [base, setBase] = useState(baseVersion);
  const { toast, notify: setToast } = useToast(notice);
  const [panel, setPanel] = useState<"inspector" | "history">("inspector");
  const draft = useDraftAutosave({
    projectId,
    pipelineId: pipeline.id,
    graph,
    revision: history.revision,
    baseVersionId: base?.id ?? null,
    draftUpdatedAt,
    enabled: !readOnly,
  });
  const save = usePipelineSave({
    projectId,
    pipelineId: pipeline.id,
    history,
    graph,
    base,
    setBase,
    draft,
    opensSaved: notice === null,
    notify: setToast,
  });
  const loadStoredDraft = useLoadStoredDraft({ projectId, pipelineId: pipeline.id, history, setBase, draft, notify: setToast });

  const { addNode, onNodesChange, onEdgesChange, onDelete, isValidConnection, onConnect, onConnectEnd, onParamChange, onDrop } = useGraphEditing({
    history,
    readOnly,
    notify: setToast,
  });
  const { copySelection, paste } = usePipelineClipboard({ history, readOnly, notify: setToast });
  const { layout, fitView } = useCanvasLayout(history);
  const { comparison, closeComparison, restoreVersion, compareVersions } = useVersionComparison({ projectId, history, notify: setToast });
  const exportSpec = usePipelineExport({ compiled, pipelineName: pipeline.name, notify: setToast });
  const { preview, onPreview, closePreview } = useNodePreview(projectId, compiled);
  const { placement, setPlacement, startRun } = useRunLaunch({
    pipelineId: pipeline.id,
    compiled,
    datasets: datasets.data,
    start: runs.start,
    versionForRun: save.versionForRun,
    closePreview,
    notify: setToast,
  });

  useKeyboardShortcuts(readOnly, {
    undo: history.undo,
    redo: history.redo,
    copy: copySelection,
    paste,
    run: startRun,
    openSaveForm: save.openForm,
    layout,
    fitView,
  });

  const selected = flow.nodes.filter((n) => n.selected);

  const context: EditorContextValue = useMemo(
    () => ({
      compiled,
      readOnly: readOnly || comparison !== null,
      ...(comparison ? { diff: Object.fromEntries(Object.entries(comparison.diff.nodes).map(([id, n]) => [id, n.change])) } : {}),
      onPreview,
      ...(runs.active && comparison === null ? { runProgress: runs.active.progress } : {}),
    }),
    [comparison, compiled, onPreview, readOnly, runs.active],
  );

  const shown = comparison?.flow ?? flow;
  const editable = !readOnly && comparison === null;
  const problemCount = compiled.result.diagnostics.length + compiled.datasetFailures.length;

  const versionConflict = save.conflict;

  return (
    <EditorContext.Provider value={context}>
      <div className="flex h-[calc(100vh-57px)] flex-col">
        <div className="relative flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
          <h1 className="mr-2 font-semibold" data-testid="pipeline-name">
            {pipeline.name}
          </h1>
          <span className="text-xs text-slate-500" data-testid="base-version">
            {base ? `v${base.number}` : "unsaved"}
            {readOnly ? " · read-only" : ""}
          </span>
          <span className="text-xs text-slate-400" data-testid="draft-status">
            {draft.status.state === "pending" && "Unsaved changes…"}
            {draft.status.state === "saving" && "Saving draft…"}
            {draft.status.state === "saved" && "Draft saved"}
            {draft.status.state === "error" && `Draft not saved: ${draft.status.message}`}
            {draft.status.state === "conflict" && "Draft not saved: changed elsewhere"}
          </span>
          <span className={`text-xs ${problemCount > 0 ? "text-rose-600" : "text-emerald-600"}`} data-testid="compile-status">
            {problemCount > 0 ? `${problemCount} problem${problemCount === 1 ? "" : "s"}` : "Compiles"}
          </span>
          <div className="ml-auto flex items-center gap-1">
            {editable && (
              <>
                <Button variant="ghost" onClick={history.undo} disabled={!history.canUndo} title="Undo (Ctrl+Z)">
                  Undo
                </Button>
                <Button variant="ghost" onClick={history.redo} disabled={!history.canRedo} title="Redo (Ctrl+Shift+Z)">
                  Redo
                </Button>
                <Button variant="ghost" onClick={layout} title="Auto-layout (Shift+L)">
                  Auto-layout
                </Button>
              </>
            )}
            <Button variant="ghost" onClick={fitView} title="Fit to view (F)">
              Fit
            </Button>
            <Button variant="ghost" onClick={exportSpec} title="Download the compiled spec for the CLI">
              Export spec
            </Button>
            <Button variant="secondary" onClick={() => setPanel(panel === "history" ? "inspector" : "history")}>
              History
            </Button>
            {!readOnly && (
              <>
                <Button variant="secondary" onClick={save.openForm} title="Save version (Ctrl+S)">
                  Save version
                </Button>
                <select
                  aria-label="Where to run"
                  value={placement}
                  onChange={(e) => setPlacement(e.target.value === "browser" ? "browser" : e.target.value === "server" ? "server" : "auto")}
                  className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  title="Auto picks by rows × features × epochs"
                >
                  <option value="auto">Auto</option>
                  <option value="browser">Browser</option>
                  <option value="server">Server</option>
                </select>
                <Button
                  onClick={() => void startRun()}
                  disabled={runs.active ? isActive(runs.active.status) : false}
                  title="Run the pipeline (Ctrl+Enter)"
                >
                  Run
                </Button>
              </>
            )}
          </div>
          {save.formOpen && <SaveVersionForm pending={save.pending} onSave={(m) => save.submitVersion(m)} onCancel={save.closeForm} />}
        </div>
        {draft.status.state === "conflict" && (
          <DraftConflictBanner message={draft.status.message} onKeepMine={() => draft.keepMine()} onLoadTheirs={() => void loadStoredDraft()} />
        )}
        {versionConflict && (
          <VersionConflictBanner
            message={versionConflict.message}
            onSaveOnTop={() => save.submitVersion(versionConflict.versionMessage, true)}
            onReload={() => void save.reloadLatest()}
          />
        )}
        {compiled.general.length > 0 && (
          <div className="border-b border-rose-100 bg-rose-50 px-3 py-1 text-xs text-rose-700">{compiled.general.map((d) => d.message).join(" · ")}</div>
        )}
        <div className="flex min-h-0 flex-1">
          {editable && <Palette onAdd={(kind) => addNode(kind)} />}
          <div className="relative flex min-w-0 flex-1 flex-col">
            <div className="relative min-h-0 flex-1" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="canvas">
              <ReactFlow<PipelineFlowNode>
                nodes={shown.nodes}
                edges={shown.edges}
                nodeTypes={nodeTypes}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onDelete={editable ? onDelete : undefined}
                onConnect={onConnect}
                onConnectEnd={onConnectEnd}
                isValidConnection={isValidConnection}
                onNodeDragStart={() => history.checkpoint()}
                onNodeDragStop={() => history.dropCheckpointIfUnchanged()}
                nodesDraggable={editable}
                nodesConnectable={editable}
                edgesReconnectable={false}
                deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
                multiSelectionKeyCode={["Shift", "Meta", "Control"]}
                selectionKeyCode="Shift"
                fitView={initialGraph.nodes.length > 0}
                fitViewOptions={{ maxZoom: 1 }}
                defaultViewport={{ x: 0, y: 0, zoom: 1 }}
                minZoom={0.1}
                proOptions={{ hideAttribution: true }}
              >
                <Background gap={16} />
                <MiniMap pannable zoomable ariaLabel="Minimap" />
                <Controls showInteractive={false} />
              </ReactFlow>
              {comparison && <DiffSummary diff={comparison.diff} title={comparison.title} onClose={closeComparison} />}
              {flow.nodes.length === 0 && !comparison && (
                <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-400">
                  {editable ? "Drag a node from the palette, starting with Data → Load." : "This pipeline is empty."}
                </p>
              )}
              {toast && (
                <div className="absolute bottom-4 left-1/2 z-20 -translate-x-1/2" data-testid="toast">
                  <Alert tone="info">{toast}</Alert>
                </div>
              )}
            </div>
            {preview && <PreviewPanel key={`${preview.nodeId}.${preview.port}`} state={preview} onClose={closePreview} />}
            {runs.active && (
              <RunPanel projectId={projectId} hasTuner={graph.nodes.some((n) => n.kind === "tuner")} run={runs.active} progress={runs.active.progress} onCancel={() => void runs.cancel()} onClose={runs.close} />
            )}
          </div>
          {panel === "history" ? (
            <HistoryPanel
              projectId={projectId}
              pipelineId={pipeline.id}
              readOnly={readOnly}
              onRestore={(id) => void restoreVersion(id)}
              onCompare={(a, b) => void compareVersions(a, b)}
              onClose={() => setPanel("inspector")}
            />
          ) : (
            <Inspector
              datasets={datasetReferences}
              node={selected.length === 1 ? selected[0] : undefined}
              {...(readOnly ? {} : { onRunToHere: (nodeId: string) => void startRun(nodeId) })} selectionCount={selected.length} onParamChange={onParamChange} />
          )}
        </div>
        <footer className="hidden border-t border-slate-200 bg-white px-3 py-1 text-[11px] text-slate-400 md:block">
          {SHORTCUTS.map(([keys, action]) => `${keys} ${action}`).join(" · ")}
        </footer>
      </div>
    </EditorContext.Provider>
  );
}
