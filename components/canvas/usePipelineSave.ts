"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { StoredGraph } from "@/contracts/storedGraph";
import { useTRPC } from "@/components/trpc/client";
import type { BaseVersion } from "./baseVersion";
import { isConflict } from "./conflictError";
import type { DraftAutosave } from "./useDraftAutosave";
import type { GraphHistory } from "./useGraphHistory";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/** Someone saved a version since this editor's base: the user saves on top or reloads theirs. */
export interface VersionConflict {
  message: string;
  /** What the user typed for the version that was refused, to save it on top unchanged. */
  versionMessage: string;
}

/**
 * Saving the canvas as a version: from the save form, or before a run when the canvas
 * changed since the last save. A save based on an outdated version is refused by the server
 * as a conflict, which the user resolves by saving on top of the latest or reloading it.
 */
export function usePipelineSave(options: {
  projectId: string;
  pipelineId: string;
  history: GraphHistory;
  graph: StoredGraph;
  base: BaseVersion | null;
  setBase(base: BaseVersion | null): void;
  draft: DraftAutosave;
  /** False when the editor opened an unsaved draft. */
  opensSaved: boolean;
  notify(message: string): void;
}) {
  const { projectId, pipelineId, history, graph, base, setBase, draft, opensSaved, notify } = options;
  const { revision, reset } = history;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  /** The revision at which the canvas last matched a saved version; runs need a saved version. */
  const [savedRevision, setSavedRevision] = useState(opensSaved ? 0 : -1);
  const [formOpen, setFormOpen] = useState(false);
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const saveVersion = useMutation(trpc.pipeline.saveVersion.mutationOptions());
  const discardDraft = useMutation(trpc.pipeline.discardDraft.mutationOptions());

  /** The canvas at `saving` is now version `saved`: it becomes the base, clean, and the version lists refresh. */
  const adoptSaved = useCallback(
    (saved: BaseVersion, saving: number) => {
      setBase({ id: saved.id, number: saved.number });
      setSavedRevision(saving);
      draft.markClean(saving);
      void refreshQueries(queryClient, { queryKey: trpc.pipeline.pathKey() });
    },
    [draft, queryClient, setBase, trpc.pipeline],
  );

  const openForm = useCallback(() => setFormOpen(true), []);
  const closeForm = useCallback(() => setFormOpen(false), []);

  const submitVersion = useCallback(
    async (message: string, onTopOfLatest = false) => {
      const saving = revision;
      try {
        const saved = await draft.whileHeld(() =>
          saveVersion.mutateAsync({ projectId, pipelineId, graph, message, baseVersionId: base?.id ?? null, onTopOfLatest }),
        );
        adoptSaved(saved, saving);
        setFormOpen(false);
        setConflict(null);
        notify(saved.compiled ? `Saved version ${saved.number}.` : `Saved version ${saved.number}. It has problems to fix before it can run.`);
      } catch (error) {
        setFormOpen(false);
        const text = error instanceof Error ? error.message : String(error);
        if (isConflict(error)) setConflict({ message: text, versionMessage: message });
        else notify(text);
      }
    },
    [adoptSaved, base, draft, graph, notify, pipelineId, projectId, revision, saveVersion],
  );

  /** Resolves a conflict by discarding this editor's changes and loading the latest version. */
  const reloadLatest = useCallback(async () => {
    await draft.whileHeld(() => discardDraft.mutateAsync({ projectId, pipelineId }));
    const opened = await queryClient.fetchQuery({
      ...trpc.pipeline.open.queryOptions({ projectId, pipelineId }),
      staleTime: 0,
    });
    reset(opened.latestVersion?.graph ?? { nodes: [], edges: [] });
    setBase(opened.latestVersion && { id: opened.latestVersion.id, number: opened.latestVersion.number });
    draft.markClean(revision);
    setSavedRevision(revision);
    setConflict(null);
    notify(opened.latestVersion ? `Loaded version ${opened.latestVersion.number}.` : "Loaded the empty pipeline.");
  }, [discardDraft, draft, notify, pipelineId, projectId, queryClient, reset, revision, setBase, trpc.pipeline.open]);

  /**
   * The id of a saved version that matches the canvas, saving one first when the canvas
   * changed since; null when that save failed (the failure is already shown).
   */
  const versionForRun = useCallback(async (): Promise<string | null> => {
    if (base !== null && savedRevision === revision) return base.id;
    const saving = revision;
    try {
      const saved = await draft.whileHeld(() =>
        saveVersion.mutateAsync({
          projectId,
          pipelineId,
          graph,
          message: `Saved for a run on ${new Date().toLocaleString("en")}`,
          baseVersionId: base?.id ?? null,
        }),
      );
      adoptSaved(saved, saving);
      return saved.id;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isConflict(error)) setConflict({ message, versionMessage: "Saved for a run" });
      else notify(message);
      return null;
    }
  }, [adoptSaved, base, draft, graph, notify, pipelineId, projectId, revision, saveVersion, savedRevision]);

  return { formOpen, openForm, closeForm, pending: saveVersion.isPending, conflict, submitVersion, reloadLatest, versionForRun };
}

export type PipelineSave = ReturnType<typeof usePipelineSave>;
