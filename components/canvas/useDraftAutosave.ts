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

  /** The draft write on its way to the server, settled either way; versions wait for it (see hold). */
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  /** While a version is being saved no draft write starts: landing after it, it would store a draft on the old base. */
  const held = useRef(false);

  const write = (overwrite: boolean) => {
    const { projectId, pipelineId, graph, baseVersionId, revision } = latest.current;
    setStatus({ state: "saving" });
    inFlight.current = save.mutateAsync({ projectId, pipelineId, graph, baseVersionId, ...(overwrite ? {} : { expectedUpdatedAt: storedAt.current }) }).then(
      ({ updatedAt }) => {
        storedAt.current = updatedAt;
        savedRevision.current = revision;
        setStatus({ state: "saved", at: new Date() });
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        setStatus({ state: isConflict(error) ? "conflict" : "error", message });
      },
    );
  };

  // The revision drives saving; the mutation object changes identity every render.
  // A version saved while the timer ran already holds this revision (markClean): writing it again would
  // store a draft on the old base version, and a reload would show the saved change as unsaved.
  const autosave = useEffectEvent(() => {
    if (!held.current && latest.current.revision !== savedRevision.current) write(false);
  });
  useEffect(() => {
    if (!options.enabled || conflicted || options.revision === savedRevision.current) return;
    setStatus({ state: "pending" });
    const timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [options.revision, options.enabled, conflicted]);

  /**
   * Runs `work` (saving a version, discarding the draft) once the draft write in flight has landed,
   * and starts none until markClean: the server then deletes the draft after the last write rather
   * than before it (a reload showed the saved version's change as a draft on the old base). If
   * `work` fails, unsaved changes are written as a draft again.
   */
  const whileHeld = async <T>(work: () => Promise<T>): Promise<T> => {
    held.current = true;
    await inFlight.current;
    try {
      return await work();
    } catch (error) {
      held.current = false;
      if (latest.current.enabled && latest.current.revision !== savedRevision.current) write(false);
      throw error;
    }
  };

  /** After a version is saved (or the draft discarded) the server has no draft; nothing is pending any more. */
  const markClean = (revision: number) => {
    held.current = false;
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

  return { status, whileHeld, markClean, adopt, keepMine };
}

export type DraftAutosave = ReturnType<typeof useDraftAutosave>;
