"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { BaseVersion } from "./baseVersion";
import type { DraftAutosave } from "./useDraftAutosave";
import type { GraphHistory } from "./useGraphHistory";

/** Replaces the canvas with the draft stored elsewhere (another tab, a notebook), after a draft conflict. */
export function useLoadStoredDraft(options: {
  projectId: string;
  pipelineId: string;
  history: GraphHistory;
  setBase(base: BaseVersion | null): void;
  draft: DraftAutosave;
  notify(message: string): void;
}) {
  const { projectId, pipelineId, history, setBase, draft, notify } = options;
  const { revision, reset } = history;
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  return useCallback(async () => {
    const opened = await queryClient.fetchQuery({ ...trpc.pipeline.open.queryOptions({ projectId, pipelineId }), staleTime: 0 });
    const stored = opened.draft;
    reset(stored?.graph ?? opened.latestVersion?.graph ?? { nodes: [], edges: [] });
    setBase(stored ? stored.baseVersion : opened.latestVersion && { id: opened.latestVersion.id, number: opened.latestVersion.number });
    draft.adopt(stored?.updatedAt ?? null, revision);
    notify(stored ? "Loaded the draft saved elsewhere." : "The other draft was saved as a version; loaded the latest version.");
  }, [draft, notify, pipelineId, projectId, queryClient, reset, revision, setBase, trpc.pipeline.open]);
}
