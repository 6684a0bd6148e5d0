"use client";

import { useCallback, useRef, useState } from "react";
import type { StoredGraph } from "@/contracts/storedGraph";
import { toFlow, toStored, type FlowGraph } from "./flowGraph";

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1000;

interface HistoryState {
  flow: FlowGraph;
  past: StoredGraph[];
  future: StoredGraph[];
  /** Bumped on every change that should be saved (not on selection or measuring). */
  revision: number;
}

/**
 * The editor's graph with undo / redo. Every structural change records the graph
 * before it; `coalesceKey` merges a burst of edits to one field (typing) into one step.
 */
export function useGraphHistory(initial: StoredGraph) {
  const [state, setState] = useState<HistoryState>(() => ({ flow: toFlow(initial), past: [], future: [], revision: 0 }));
  const lastCoalesce = useRef<{ key: string; at: number } | null>(null);

  /** A change that is part of the document: recorded for undo and for autosave. */
  const change = useCallback((update: (flow: FlowGraph) => FlowGraph, coalesceKey?: string) => {
    const now = Date.now();
    const merge = coalesceKey !== undefined && lastCoalesce.current?.key === coalesceKey && now - lastCoalesce.current.at < COALESCE_MS;
    lastCoalesce.current = coalesceKey === undefined ? null : { key: coalesceKey, at: now };
    setState((s) => ({
      flow: update(s.flow),
      past: merge ? s.past : [...s.past, toStored(s.flow)].slice(-HISTORY_LIMIT),
      future: [],
      revision: s.revision + 1,
    }));
  }, []);

  /** A change that is saved but not its own undo step (node positions while dragging). */
  const changeWithoutHistory = useCallback((update: (flow: FlowGraph) => FlowGraph) => {
    setState((s) => ({ ...s, flow: update(s.flow), revision: s.revision + 1 }));
  }, []);

  /** View-only state (selection, measured sizes): neither undoable nor saved. */
  const changeView = useCallback((update: (flow: FlowGraph) => FlowGraph) => {
    setState((s) => ({ ...s, flow: update(s.flow) }));
  }, []);

  /** Records the current graph as an undo step without changing it (before a drag). */
  const checkpoint = useCallback(() => {
    lastCoalesce.current = null;
    setState((s) => ({ ...s, past: [...s.past, toStored(s.flow)].slice(-HISTORY_LIMIT), future: [] }));
  }, []);

  /** Drops the last checkpoint when the action it guarded changed nothing (a click without a drag). */
  const dropCheckpointIfUnchanged = useCallback(() => {
    setState((s) => {
      const last = s.past.at(-1);
      if (!last || JSON.stringify(last) !== JSON.stringify(toStored(s.flow))) return s;
      return { ...s, past: s.past.slice(0, -1) };
    });
  }, []);

  const undo = useCallback(() => {
    lastCoalesce.current = null;
    setState((s) => {
      const previous = s.past.at(-1);
      if (!previous) return s;
      return {
        flow: toFlow(previous, s.flow),
        past: s.past.slice(0, -1),
        future: [toStored(s.flow), ...s.future],
        revision: s.revision + 1,
      };
    });
  }, []);

  const redo = useCallback(() => {
    lastCoalesce.current = null;
    setState((s) => {
      const next = s.future[0];
      if (!next) return s;
      return {
        flow: toFlow(next, s.flow),
        past: [...s.past, toStored(s.flow)],
        future: s.future.slice(1),
        revision: s.revision + 1,
      };
    });
  }, []);

  /** Replaces the whole document (reload, open a version) and forgets history. */
  const reset = useCallback((graph: StoredGraph) => {
    lastCoalesce.current = null;
    setState((s) => ({ flow: toFlow(graph), past: [], future: [], revision: s.revision }));
  }, []);

  return {
    flow: state.flow,
    revision: state.revision,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    change,
    changeWithoutHistory,
    changeView,
    checkpoint,
    dropCheckpointIfUnchanged,
    undo,
    redo,
    reset,
  };
}

export type GraphHistory = ReturnType<typeof useGraphHistory>;
