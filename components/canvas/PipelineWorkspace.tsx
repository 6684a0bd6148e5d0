"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { RunPanel } from "@/components/runs/RunPanel";
import { usePipelineRun } from "@/components/runs/usePipelineRun";
import { isActive } from "@/contracts/runStatus";
import type { StoredGraph } from "@/contracts/storedGraph";
import type { BaseVersion } from "./baseVersion";
import { CanvasToast, EmptyCanvasHint } from "./CanvasOverlays";
import { DraftConflictBanner, VersionConflictBanner } from "./ConflictBanners";
import { EditorContext, useEditorContextValue } from "./EditorContext";
import { nodeDisplayName, toStored } from "./flowGraph";
import { catalogByKind } from "./catalog";
import { DiffSummary } from "./history/DiffSummary";
import { HistoryPanel } from "./history/HistoryPanel";
import { useVersionComparison } from "./history/useVersionComparison";
import { Inspector } from "./inspector/Inspector";
import { SHORTCUTS } from "./keyboard";
import { Palette } from "./Palette";
import { PipelineCanvas } from "./PipelineCanvas";
import { PreviewPanel } from "./preview/PreviewPanel";
import { useNodePreview } from "./preview/useNodePreview";
import { WorkspaceToolbar } from "./toolbar/WorkspaceToolbar";
import { useCanvasLayout } from "./useCanvasLayout";
import { useCompileInput } from "./compileInput";
import { useCompiledGraph } from "./useCompiledGraph";
import { useDraftAutosave } from "./useDraftAutosave";
import { useGraphEditing } from "./useGraphEditing";
import { useGraphHistory } from "./useGraphHistory";
import { useKeyboardShortcuts } from "./useKeyboardShortcuts";
import { useLoadStoredDraft } from "./useLoadStoredDraft";
import { usePipelineClipboard } from "./usePipelineClipboard";
import { usePipelineExport } from "./usePipelineExport";
import { usePipelineSave } from "./usePipelineSave";
import { datasetSuggestion } from "./datasetSuggestion";
import { useRunLaunch } from "./useRunLaunch";
import { useToast } from "./useToast";

export interface WorkspaceProps {
  projectId: string;
  pipeline: { id: string; name: string };
  readOnly: boolean;
  initialGraph: StoredGraph;
  baseVersion: BaseVersion | null;
  /** When the draft the editor opened was last written; null when it opened a version. */
  draftUpdatedAt: Date | null;
  notice: string | null;
}

/** The pipeline editor: lays out toolbar, canvas and panels around the hooks that edit, save, compare and run the graph. */
export function PipelineWorkspace({ projectId, pipeline, readOnly, initialGraph, baseVersion, draftUpdatedAt, notice }: WorkspaceProps) {
  const trpc = useTRPC();
  const pipelineId = pipeline.id;
  const history = useGraphHistory(initialGraph);
  const { flow, revision } = history;
  const graph = useMemo(() => toStored(flow), [flow]);
  const nodeInfo = useMemo(
    () =>
      new Map(
        graph.nodes.map((n) => [n.id, { kind: n.kind, name: nodeDisplayName(n, catalogByKind.get(n.kind)?.title), ...(n.label ? { label: n.label } : {}) }]),
      ),
    [graph],
  );
  const compiled = useCompiledGraph(projectId, useCompileInput(flow.nodes, flow.edges));
  const datasets = useQuery(trpc.dataset.list.queryOptions({ projectId }));
  const datasetSuggestions = useMemo(() => datasets.data?.map(datasetSuggestion) ?? [], [datasets.data]);
  const connections = useQuery(trpc.connection.list.queryOptions({ projectId }));
  const connectionSuggestions = useMemo(
    () =>
      connections.data?.connections.map((c) => ({
        value: c.name,
        label: "kind" in c ? `${c.name} (${c.kind === "postgres" ? "PostgreSQL" : "SQLite"})` : c.name,
      })) ?? [],
    [connections.data],
  );
  const runs = usePipelineRun(projectId);
  const [base, setBase] = useState(baseVersion);
  const { toast, notify } = useToast(notice);
  const [panel, setPanel] = useState<"inspector" | "history">("inspector");
  const draft = useDraftAutosave({ projectId, pipelineId, graph, revision, baseVersionId: base?.id ?? null, draftUpdatedAt, enabled: !readOnly });
  const save = usePipelineSave({ projectId, pipelineId, history, graph, base, setBase, draft, opensSaved: notice === null, notify });
  const loadStoredDraft = useLoadStoredDraft({ projectId, pipelineId, history, setBase, draft, notify });
  const editing = useGraphEditing({ history, readOnly, notify });
  const clipboard = usePipelineClipboard({ history, readOnly, notify });
  const view = useCanvasLayout(history);
  const { comparison, closeComparison, restoreVersion, compareVersions } = useVersionComparison({ projectId, history, notify });
  const exportSpec = usePipelineExport({ compiled, pipelineName: pipeline.name, datasets: datasets.data, notify });
  const { preview, onPreview, closePreview, downloadCsv } = useNodePreview(projectId, compiled, runs.active);
  const launch = useRunLaunch({
    pipelineId,
    compiled,
    datasets: datasets.data,
    start: runs.start,
    versionForRun: save.versionForRun,
    closePreview,
    notify,
    ...(readOnly ? {} : { warmUpBrowser: runs.browser.warmUp }),
  });
  useKeyboardShortcuts(readOnly, {
    undo: history.undo,
    redo: history.redo,
    ...clipboard,
    ...view,
    run: launch.startRun,
    runIgnoringCache: launch.startRunIgnoringCache,
    openSaveForm: save.openForm,
    addNote: editing.addNote,
  });

  const context = useEditorContextValue({ compiled, readOnly, comparison, onPreview, runProgress: runs.active?.progress });
  const selected = flow.nodes.filter((n) => n.selected);
  const editable = !readOnly && comparison === null;

  return (
    <EditorContext.Provider value={context}>
      <div className="flex h-[calc(100vh-57px-2rem)] flex-col">
        <WorkspaceToolbar
          projectId={projectId}
          pipelineId={pipelineId}
          pipelineName={pipeline.name}
          base={base}
          readOnly={readOnly}
          editable={editable}
          draftStatus={draft.status}
          compiled={compiled}
          history={history}
          view={view}
          save={save}
          launch={launch}
          runBusy={runs.active ? isActive(runs.active.status) : false}
          onExport={exportSpec}
          onToggleHistory={() => setPanel(panel === "history" ? "inspector" : "history")}
          onAddNote={editing.addNote}
        />
        <DraftConflictBanner status={draft.status} onKeepMine={() => draft.keepMine()} onLoadTheirs={() => void loadStoredDraft()} />
        <VersionConflictBanner save={save} />
        {compiled.general.length > 0 && (
          <div className="border-b border-rose-100 bg-rose-50 px-3 py-1 text-xs text-rose-700">{compiled.general.map((d) => d.message).join(" · ")}</div>
        )}
        <div className="flex min-h-0 flex-1">
          {editable && <Palette onAdd={(kind) => editing.addNode(kind)} />}
          <div className="relative flex min-w-0 flex-1 flex-col">
            <PipelineCanvas flow={comparison?.flow ?? flow} editable={editable} editing={editing} history={history} fitOnOpen={initialGraph.nodes.length > 0}>
              {comparison && <DiffSummary diff={comparison.diff} title={comparison.title} onClose={closeComparison} />}
              {flow.nodes.length === 0 && flow.notes.length === 0 && !comparison && <EmptyCanvasHint editable={editable} />}
              {toast && <CanvasToast message={toast} />}
            </PipelineCanvas>
            {preview && <PreviewPanel key={`${preview.nodeId}.${preview.port}`} state={preview} onClose={closePreview} onDownloadCsv={downloadCsv} />}
            {runs.active && (
              <RunPanel
                projectId={projectId}
                hasTuner={graph.nodes.some((n) => n.kind === "tuner")}
                nodeInfo={nodeInfo}
                run={runs.active}
                startingBrowser={runs.active.target === "browser" && runs.browser.starting}
                progress={runs.active.progress}
                onCancel={() => void runs.cancel()}
                onClose={runs.close}
              />
            )}
          </div>
          {panel === "history" ? (
            <HistoryPanel
              projectId={projectId}
              pipelineId={pipelineId}
              readOnly={readOnly}
              onRestore={(id) => void restoreVersion(id)}
              onCompare={(a, b) => void compareVersions(a, b)}
              onClose={() => setPanel("inspector")}
            />
          ) : (
            <Inspector
              datasets={datasetSuggestions}
              connections={connectionSuggestions}
              node={selected.length === 1 ? selected[0] : undefined}
              {...(readOnly ? {} : { onRunToHere: (nodeId: string) => void launch.startRun({ targetNodeId: nodeId }) })}
              selectionCount={selected.length}
              onParamChange={editing.onParamChange}
              onLabelChange={editing.onLabelChange}
            />
          )}
        </div>
        <footer className="hidden border-t border-slate-200 bg-white px-3 py-1 text-[11px] text-slate-400 md:block">
          {SHORTCUTS.filter((s) => !readOnly || !s.edits)
            .map((s) => `${s.keys} ${s.action}`)
            .join(" · ")}
        </footer>
      </div>
    </EditorContext.Provider>
  );
}
