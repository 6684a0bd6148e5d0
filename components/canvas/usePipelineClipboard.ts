"use client";

import { useCallback, useRef } from "react";
import type { StoredGraph } from "@/contracts/storedGraph";
import { copyNodes, pasteNodes } from "./clipboard";
import type { GraphHistory } from "./useGraphHistory";

/**
 * Copy and paste of selected nodes and notes within this editor. The clipboard is the editor's own,
 * not the system's: what it holds is a graph, and pasting it is one undo step.
 */
export function usePipelineClipboard({ history, readOnly, notify }: { history: GraphHistory; readOnly: boolean; notify(message: string): void }) {
  const clipboard = useRef<StoredGraph | null>(null);
  const { flow, change } = history;

  const copySelection = useCallback(() => {
    const nodes = flow.nodes.filter((n) => n.selected).map((n) => n.id);
    const notes = flow.notes.filter((n) => n.selected).map((n) => n.id);
    if (nodes.length + notes.length === 0) return;
    clipboard.current = copyNodes(flow, new Set([...nodes, ...notes]));
    const counted = [
      ...(nodes.length > 0 ? [`${nodes.length} node${nodes.length === 1 ? "" : "s"}`] : []),
      ...(notes.length > 0 ? [`${notes.length} note${notes.length === 1 ? "" : "s"}`] : []),
    ];
    notify(`Copied ${counted.join(" and ")}.`);
  }, [flow, notify]);

  const paste = useCallback(() => {
    const copied = clipboard.current;
    if (!copied || readOnly) return;
    change((f) => pasteNodes(f, copied));
  }, [change, readOnly]);

  return { copySelection, paste };
}
