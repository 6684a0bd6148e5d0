"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { StoredGraph } from "@/server/pipelines/graphs";
import { useTRPC } from "@/components/trpc/client";

const AUTOSAVE_DELAY_MS = 1200;

export type DraftStatus = { state: "clean" | "pending" | "saving" } | { state: "saved"; at: Date } | { state: "error"; message: string };

/** Saves the editor's graph as this user's draft a moment after each change. */
export function useDraftAutosave(options: {
  projectId: string;
  pipelineId: string;
  graph: StoredGraph;
  revision: number;
  baseVersionId: string | null;
  enabled: boolean;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.pipeline.saveDraft.mutationOptions());
  const [status, setStatus] = useState<DraftStatus>({ state: "clean" });
  const latest = useRef(options);
  latest.current = options;
  const savedRevision = useRef(options.revision);

  useEffect(() => {
    if (!options.enabled || options.revision === savedRevision.current) return;
    setStatus({ state: "pending" });
    const timer = setTimeout(() => {
      const { projectId, pipelineId, graph, baseVersionId, revision } = latest.current;
      setStatus({ state: "saving" });
      save.mutate(
        { projectId, pipelineId, graph, baseVersionId },
        {
          onSuccess: () => {
            savedRevision.current = revision;
            setStatus({ state: "saved", at: new Date() });
          },
          onError: (error) => setStatus({ state: "error", message: error.message }),
        },
      );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // The mutation object changes identity each render; the revision drives saving.
  }, [options.revision, options.enabled]);

  /** After a version is saved the server drops the draft; nothing is pending any more. */
  const markClean = (revision: number) => {
    savedRevision.current = revision;
    setStatus({ state: "clean" });
  };

  return { status, markClean };
}
