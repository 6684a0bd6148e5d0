"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/client";
import type { NotebookCell } from "@/contracts/notebookCells";
import { adoptServerCells, hasChanges, noChanges, type PendingChanges } from "./notebookState";

const SAVE_DELAY_MS = 500;
/** How often an open notebook picks up other tabs' saves. */
const POLL_MS = 5000;

export type SaveState = "saved" | "pending" | "saving" | "error";

/**
 * The notebook's cells as edited in this tab, autosaved: changed cells, deletions and (when
 * it changed) the order go to the server, which merges them with other tabs' saves by cell id.
 */
export function useNotebookDoc(projectId: string, notebookId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  // Each read remembers when it was asked for: one asked before our last save finished may predate it.
  const query = useQuery({
    queryKey: trpc.notebook.get.queryKey({ projectId, notebookId }),
    queryFn: async () => {
      const requestedAt = performance.now();
      return { ...(await client.notebook.get.query({ projectId, notebookId })), requestedAt };
    },
    refetchInterval: POLL_MS,
  });
  const save = useMutation(trpc.notebook.save.mutationOptions());
  const [cells, setCellsState] = useState<NotebookCell[] | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [saveError, setSaveError] = useState<string | null>(null);
  const cellsRef = useRef<NotebookCell[]>([]);
  const pending = useRef<PendingChanges>(noChanges());
  const saving = useRef(false);
  const lastSaveFinishedAt = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const canEdit = query.data !== undefined && query.data.role !== "viewer";

  const apply = useCallback((next: NotebookCell[]) => {
    cellsRef.current = next;
    setCellsState(next);
  }, []);

  // Server state arrives on load and by polling; local edits not yet saved are kept. A poll
  // asked for before our last save finished can answer after it with older cells: adopting
  // those would drop cells (and outputs) that only the save had, so it waits for the next poll.
  useEffect(() => {
    if (!query.data || saving.current || query.data.requestedAt < lastSaveFinishedAt.current) return;
    apply(adoptServerCells(cellsRef.current, query.data.cells, pending.current));
  }, [query.data, apply]);

  const flush = useCallback(async () => {
    if (saving.current || !hasChanges(pending.current)) return;
    const sent = pending.current;
    pending.current = noChanges();
    saving.current = true;
    setSaveState("saving");
    let failed = false;
    try {
      const current = cellsRef.current;
      const result = await save.mutateAsync({
        projectId,
        notebookId,
        order: sent.orderChanged ? current.map((c) => c.id) : null,
        cells: current.filter((c) => sent.dirty.has(c.id)),
        deleted: [...sent.deleted],
      });
      lastSaveFinishedAt.current = performance.now();
      apply(adoptServerCells(cellsRef.current, result.cells, pending.current));
      setSaveError(null);
    } catch (error) {
      // Keep what was not saved so the next attempt sends it again.
      for (const id of sent.dirty) pending.current.dirty.add(id);
      for (const id of sent.deleted) pending.current.deleted.add(id);
      pending.current.orderChanged ||= sent.orderChanged;
      failed = true;
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      saving.current = false;
      setSaveState(failed ? "error" : hasChanges(pending.current) ? "pending" : "saved");
      if (hasChanges(pending.current)) timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS * 4);
    }
  }, [apply, notebookId, projectId, save]);

  const schedule = useCallback(() => {
    setSaveState("pending");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }, [flush]);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Autosave waits a moment after typing: leaving within it asks first rather than dropping the edit.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (saving.current || hasChanges(pending.current)) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  /** Applies an edit. `touched`: cells whose content changed; `orderChanged`: cells added, moved or removed. */
  const update = useCallback(
    (change: (cells: NotebookCell[]) => NotebookCell[], touched: string[], options: { orderChanged?: boolean; deleted?: string[] } = {}) => {
      if (!canEdit) return;
      apply(change(cellsRef.current));
      for (const id of touched) pending.current.dirty.add(id);
      for (const id of options.deleted ?? []) {
        pending.current.deleted.add(id);
        pending.current.dirty.delete(id);
      }
      if (options.orderChanged) pending.current.orderChanged = true;
      schedule();
    },
    [apply, canEdit, schedule],
  );

  return {
    notebook: query.data?.notebook ?? null,
    role: query.data?.role ?? null,
    loadError: query.error?.message ?? null,
    cells,
    canEdit,
    update,
    saveState,
    saveError,
  };
}
