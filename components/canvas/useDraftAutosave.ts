"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";
import type { StoredGraph } from "@/contracts/storedGraph";
import { useTRPC } from "@/components/trpc/client";
import { isConflict } from "./conflictError";

const AUTOSAVE_DELAY_MS = 1200;

export type DraftStatus =
  | { state: "clean" | "pending" | "saving" }
  | { state: "saved"; at: Date }
  | { state: "error"; message: string }
  /** The stored draft changed elsewhere (another tab, a notebook) since this editor loaded or wrote it. */
  | { state: "conflict"; message: string };

/**
 * Saves the editor's graph as this user's draft a moment after each change. Each
 * write says which stored draft it replaces (`draftUpdatedAt`, then the time of its
 * own last write), so a draft changed in another tab is never silently overwritten:
 * autosave stops in the "conflict" state until the user keeps theirs or loads the other.
 */
export function useDraftAutosave(options: {
  projectId: string;
  pipelineId: string;
  graph: StoredGraph;
  revision: number;
  baseVersionId: string | null;
  /** The updatedAt of the draft the editor opened, or null when it opened none. */
  draftUpdatedAt: Date | null;
  enabled: boolean;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.pipeline.saveDraft.mutationOptions());
  const [status, setStatus] = useState<DraftStatus>({ state: "clean" });
  // Writes read the newest graph when they fire, not the one of the render that scheduled them.
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const savedRevision = useRef(options.revision);
  const storedAt = useRef<Date | null>(options.draftUpdatedAt);
  const conflicted = status.state === "conflict";

  const write = (overwrite: boolean) => {
    const { projectId, pipelineId, graph, baseVersionId, revision } = latest.current;
    setStatus({ state: "saving" });
    save.mutate(
      { projectId, pipelineId, graph, baseVersionId, ...(overwrite ? {} : { expectedUpdatedAt: storedAt.current }) },
      {
        onSuccess: ({ updatedAt }) => {
          storedAt.current = updatedAt;
          savedRevision.current = revision;
          setStatus({ state: "saved", at: new Date() });
        },
        onError: (error) => setStatus({ state: isConflict(error) ? "conflict" : "error", message: error.message }),
      },
    );
  };

  // The revision drives saving; the mutation object changes identity every render.
  // A version saved while the timer ran already holds this revision (markClean): writing it again would
  // store a draft on the old base version, and a reload would show the saved change as unsaved.
  const autosave = useEffectEvent(() => {
    if (latest.current.revision !== savedRevision.current) write(false);
  });
  useEffect(() => {
    if (!options.enabled || conflicted || options.revision === savedRevision.current) return;
    setStatus({ state: "pending" });
    const timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [options.revision, options.enabled, conflicted]);

  /** After a version is saved (or the draft discarded) the server has no draft; nothing is pending any more. */
  const markClean = (revision: number) => {
    savedRevision.current = revision;
    storedAt.current = null;
    setStatus({ state: "clean" });
  };

  /** The editor now shows the stored draft written at `updatedAt` (the user chose to load it). */
  const adopt = (updatedAt: Date | null, revision: number) => {
    savedRevision.current = revision;
    storedAt.current = updatedAt;
    setStatus({ state: "clean" });
  };

  /** Writes this editor's graph over whatever draft is stored (the user chose to keep theirs). */
  const keepMine = () => write(true);

  return { status, markClean, adopt, keepMine };
}

export type DraftAutosave = ReturnType<typeof useDraftAutosave>;
