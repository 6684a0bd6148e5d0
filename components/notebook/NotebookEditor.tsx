"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { CodeCellEditorHandle } from "./CodeCellEditor";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import type { CellKind, NotebookCell } from "@/contracts/notebookCells";
import { MakeCanvasNodeDialog } from "./MakeCanvasNodeDialog";
import { emptyCell, withOutputs } from "./notebookState";
import { NotebookCellView } from "./NotebookCellView";
import { ExportIpynbButton } from "./ExportIpynbButton";
import { KernelBackendLabel } from "./KernelBackendLabel";
import { NotebookTitle } from "./NotebookTitle";
import { useNotebookDoc } from "./useNotebookDoc";
import { useNotebookKernel } from "./useNotebookKernel";

const SAVE_LABEL = { saved: "Saved", pending: "Unsaved changes", saving: "Saving…", error: "Not saved" } as const;

/**
 * A project notebook, Jupyter style: command mode (the cell is selected; Up/Down move,
 * Enter edits, A/B insert, D D deletes, Shift+Enter runs) and edit mode (typing in a cell;
 * Shift+Enter runs and moves on, Esc leaves). Code runs in the notebook's worker.
 */
export function NotebookEditor({ projectId, notebookId }: { projectId: string; notebookId: string }) {
  const doc = useNotebookDoc(projectId, notebookId);
  const kernel = useNotebookKernel(projectId);
  const [selected, setSelected] = useState(0);
  const [editing, setEditing] = useState(false);
  const [runningId, setRunningId] = useState<string | null>(null);
  const [queued, setQueued] = useState<ReadonlySet<string>>(new Set());
  const container = useRef<HTMLDivElement>(null);
  const editors = useRef(new Map<string, CodeCellEditorHandle>());
  const chain = useRef<Promise<void>>(Promise.resolve());
  // Restart drops queued runs: each run checks it is still of the generation that queued it.
  const generation = useRef(0);
  const executions = useRef(0);
  const lastKey = useRef<string | null>(null);
  const [nodeFromCell, setNodeFromCell] = useState<string | null>(null);
  const cells = useMemo(() => doc.cells ?? [], [doc.cells]);
  const current = cells[Math.min(selected, cells.length - 1)];
  const nodeSource = cells.find((c) => c.id === nodeFromCell);
  const { update } = doc;

  useEffect(() => {
    if (!current) return;
    if (editing) editors.current.get(current.id)?.focus();
    else if (container.current?.contains(document.activeElement)) container.current.focus();
  }, [editing, current]);

  const setCell = useCallback(
    (id: string, change: (cell: NotebookCell) => NotebookCell) => update((cs) => cs.map((c) => (c.id === id ? change(c) : c)), [id]),
    [update],
  );

  const runCell = useCallback(
    (cell: NotebookCell) => {
      const kind = cell.kind;
      if (kind === "markdown" || !doc.canEdit) return;
      const queuedIn = generation.current;
      setQueued((q) => new Set(q).add(cell.id));
      chain.current = chain.current.then(async () => {
        setQueued((q) => {
          const next = new Set(q);
          next.delete(cell.id);
          return next;
        });
        if (generation.current !== queuedIn) return;
        setRunningId(cell.id);
        const result = await kernel.run({ cellId: cell.id, kind, source: cell.source });
        setRunningId(null);
        executions.current += 1;
        const outputs = result.status === "done" ? result.outputs : [{ type: "interrupted" as const, lost: result.lost }];
        setCell(cell.id, (c) => withOutputs(c, outputs, executions.current));
      });
    },
    [doc.canEdit, kernel, setCell],
  );

  const insert = useCallback(
    (at: number, kind: CellKind = "javascript") => {
      const cell = emptyCell(kind);
      update((cs) => [...cs.slice(0, at), cell, ...cs.slice(at)], [cell.id], { orderChanged: true });
      setSelected(at);
      return cell;
    },
    [update],
  );

  const remove = useCallback(
    (index: number) => {
      const cell = cells[index];
      if (!cell) return;
      update((cs) => cs.filter((c) => c.id !== cell.id), [], { orderChanged: true, deleted: [cell.id] });
      setSelected(Math.max(0, Math.min(index, cells.length - 2)));
      setEditing(false);
    },
    [cells, update],
  );

  const move = useCallback(
    (index: number, by: -1 | 1) => {
      const to = index + by;
      if (to < 0 || to >= cells.length) return;
      update(
        (cs) => {
          const next = [...cs];
          [next[index], next[to]] = [next[to]!, next[index]!];
          return next;
        },
        [],
        { orderChanged: true },
      );
      setSelected(to);
    },
    [cells.length, update],
  );

  /** Shift+Enter: run, then the next cell (a new one after the last, in edit mode as in Jupyter). */
  const runAndAdvance = useCallback(
    (index: number) => {
      const cell = cells[index];
      if (!cell) return;
      runCell(cell);
      if (index + 1 < cells.length) {
        setSelected(index + 1);
        setEditing(false);
      } else if (doc.canEdit) {
        insert(index + 1);
        setEditing(true);
      }
    },
    [cells, doc.canEdit, insert, runCell],
  );

  const runAll = () => cells.forEach(runCell);

  const restart = () => {
    generation.current += 1;
    kernel.restart();
  };

  /** Ctrl/Cmd+Enter in a cell: run it and go to command mode on it. */
  function runInPlace(index: number) {
    const cell = cells[index];
    if (cell) runCell(cell);
    setEditing(false);
  }

  function onCommandKey(event: KeyboardEvent<HTMLDivElement>) {
    if (editing || !current) return;
    const key = event.key;
    const twice = lastKey.current === key;
    lastKey.current = key;
    if (key === "ArrowUp" || key === "k") setSelected(Math.max(0, selected - 1));
    else if (key === "ArrowDown" || key === "j") setSelected(Math.min(cells.length - 1, selected + 1));
    else if (key === "Enter" && event.shiftKey) runAndAdvance(selected);
    else if (key === "Enter" && doc.canEdit) setEditing(true);
    else if (key === "a" && doc.canEdit) insert(selected);
    else if (key === "b" && doc.canEdit) insert(selected + 1);
    else if (key === "d" && twice && doc.canEdit) {
      remove(selected);
      lastKey.current = null;
    } else if (key === "m" && doc.canEdit) setCell(current.id, (c) => ({ ...c, kind: "markdown", outputs: [] }));
    else if (key === "y" && doc.canEdit) setCell(current.id, (c) => ({ ...c, kind: c.kind === "markdown" ? "javascript" : c.kind }));
    else return;
    event.preventDefault();
  }

  if (doc.loadError) return <Alert>{doc.loadError}</Alert>;
  if (!doc.notebook || doc.cells === null) return <p className="text-sm text-slate-500">Loading notebook…</p>;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <NotebookTitle projectId={projectId} notebookId={notebookId} name={doc.notebook.name} canEdit={doc.canEdit} />
        {doc.canEdit ? (
          <span className="text-xs text-slate-500" data-testid="save-state">
            {SAVE_LABEL[doc.saveState]}
          </span>
        ) : (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Read only</span>
        )}
        <span className="text-xs text-slate-500" data-testid="kernel-status">
          Kernel: {kernel.status}
        </span>
        <KernelBackendLabel backend={kernel.backend} />
        <span className="ml-auto">
          <ExportIpynbButton name={doc.notebook.name} cells={cells} />
        </span>
      </div>
      {doc.saveError && <Alert>{doc.saveError}</Alert>}
      {doc.canEdit && (
        <div className="flex flex-wrap gap-2" role="toolbar" aria-label="Notebook">
          <Button onClick={() => current && runAndAdvance(selected)}>Run</Button>
          <Button onClick={runAll}>Run all</Button>
          <Button onClick={kernel.interrupt} disabled={runningId === null}>
            Interrupt
          </Button>
          <Button onClick={restart}>Restart</Button>
          <Button onClick={() => insert(selected + 1)}>Add code cell</Button>
          <Button onClick={() => insert(selected + 1, "markdown")}>Add Markdown cell</Button>
          <Button onClick={() => move(selected, -1)}>Move up</Button>
          <Button onClick={() => move(selected, 1)}>Move down</Button>
          <Button onClick={() => remove(selected)}>Delete cell</Button>
          {current && (
            <select
              aria-label="Cell type"
              value={current.kind}
              onChange={(e) => setCell(current.id, (c) => ({ ...c, kind: e.target.value as CellKind }))}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="javascript">JavaScript</option>
              <option value="typescript">TypeScript</option>
              <option value="markdown">Markdown</option>
            </select>
          )}
        </div>
      )}
      <div ref={container} tabIndex={0} onKeyDown={onCommandKey} className="flex flex-col gap-2 outline-none" data-testid="notebook-cells">
        {cells.map((cell, index) => (
          <NotebookCellView
            key={cell.id}
            ref={(el) => {
              if (el) editors.current.set(cell.id, el);
              else editors.current.delete(cell.id);
            }}
            cell={cell}
            index={index}
            selected={cell === current}
            editing={editing && cell === current}
            running={runningId === cell.id}
            queued={queued.has(cell.id)}
            canEdit={doc.canEdit}
            onSelect={() => setSelected(index)}
            onEdit={() => {
              setSelected(index);
              setEditing(true);
            }}
            onSource={(source) => setCell(cell.id, (c) => ({ ...c, source }))}
            onRunAndAdvance={() => runAndAdvance(index)}
            onRun={() => runInPlace(index)}
            onEscape={() => setEditing(false)}
            {...(doc.canEdit ? { onMakeNode: () => setNodeFromCell(cell.id) } : {})}
          />
        ))}
      </div>
      {nodeSource && nodeSource.kind !== "markdown" && (
        <MakeCanvasNodeDialog projectId={projectId} source={nodeSource.source} language={nodeSource.kind} onClose={() => setNodeFromCell(null)} />
      )}
    </div>
  );
}
