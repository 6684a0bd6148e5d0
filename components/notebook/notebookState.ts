import type { CellKind, CellOutput, NotebookCell } from "@/contracts/notebookCells";

/** Unique enough across tabs: cells are created offline and merged by id on the server. */
export function newCellId(): string {
  return "c" + crypto.randomUUID().replaceAll("-", "").slice(0, 16);
}

export function emptyCell(kind: CellKind = "javascript"): NotebookCell {
  return { id: newCellId(), kind, source: "", outputs: [], executionCount: null };
}

/** Changes made locally and not yet sent to the server. */
export interface PendingChanges {
  dirty: Set<string>;
  deleted: Set<string>;
  orderChanged: boolean;
}

export function noChanges(): PendingChanges {
  return { dirty: new Set(), deleted: new Set(), orderChanged: false };
}

export function hasChanges(p: PendingChanges): boolean {
  return p.dirty.size > 0 || p.deleted.size > 0 || p.orderChanged;
}

/**
 * Takes the server's notebook (after our save or another tab's) while keeping local
 * changes made since: edited cells keep their local content, a locally changed order wins.
 */
export function adoptServerCells(local: NotebookCell[], server: NotebookCell[], pending: PendingChanges): NotebookCell[] {
  const localById = new Map(local.map((c) => [c.id, c]));
  const fromServer = server.filter((c) => !pending.deleted.has(c.id)).map((c) => (pending.dirty.has(c.id) ? (localById.get(c.id) ?? c) : c));
  if (!pending.orderChanged) {
    const known = new Set(fromServer.map((c) => c.id));
    return [...fromServer, ...local.filter((c) => pending.dirty.has(c.id) && !known.has(c.id))];
  }
  const serverById = new Map(fromServer.map((c) => [c.id, c]));
  const kept = local.filter((c) => pending.dirty.has(c.id) || serverById.has(c.id)).map((c) => serverById.get(c.id) ?? c);
  const keptIds = new Set(kept.map((c) => c.id));
  return [...kept, ...fromServer.filter((c) => !keptIds.has(c.id))];
}

export function withOutputs(cell: NotebookCell, outputs: CellOutput[], executionCount: number | null): NotebookCell {
  return { ...cell, outputs, executionCount };
}
