"use client";

import { useQuery } from "@tanstack/react-query";
import "@xyflow/react/dist/style.css";
import { Alert } from "@/components/ui/Alert";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import type { CanvasSize } from "./canvasSize";
import { CanvasProvider } from "./CanvasProvider";
import { PipelineWorkspace } from "./PipelineWorkspace";

/** Loads a pipeline (this user's draft if there is one, else the latest version) and opens the editor. */
export function PipelineEditor({ projectId, pipelineId, canvasSize }: { projectId: string; pipelineId: string; canvasSize: CanvasSize }) {
  const trpc = useTRPC();
  const opened = useQuery({ ...trpc.pipeline.open.queryOptions({ projectId, pipelineId }), staleTime: Infinity, refetchOnWindowFocus: false });
  if (opened.error)
    return (
      <div className="p-6">
        <Alert>{opened.error.message}</Alert>
      </div>
    );
  if (!opened.data) return <p className="p-6 text-sm text-slate-500">Opening pipeline…</p>;
  const { pipeline, latestVersion, draft, role } = opened.data;
  const readOnly = role === "viewer";
  const useDraft = draft !== null && !readOnly;
  const latest = latestVersion && { id: latestVersion.id, number: latestVersion.number };
  let notice: string | null = null;
  if (useDraft) {
    notice =
      draft.baseVersion?.id === latest?.id
        ? `Restored your unsaved draft from ${formatDate(draft.updatedAt)}.`
        : `Restored your unsaved draft from ${formatDate(draft.updatedAt)}. Version ${latest?.number} was saved since; saving will ask what to keep.`;
  }
  const initialGraph = useDraft ? draft.graph : (latestVersion?.graph ?? { nodes: [], edges: [] });
  return (
    <CanvasProvider graph={initialGraph} size={canvasSize}>
      <PipelineWorkspace
        key={pipeline.id}
        projectId={projectId}
        pipeline={pipeline}
        readOnly={readOnly}
        initialGraph={initialGraph}
        baseVersion={useDraft ? draft.baseVersion : latest}
        draftUpdatedAt={useDraft ? draft.updatedAt : null}
        notice={notice}
      />
    </CanvasProvider>
  );
}
