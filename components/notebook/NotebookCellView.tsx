"use client";

import { forwardRef, useMemo } from "react";
import type { NotebookCell } from "@/contracts/notebookCells";
import { CellOutputs } from "./CellOutputs";
import { CodeCellEditor, type CodeCellEditorHandle } from "./CodeCellEditor";
import { cellFunctions } from "./cellFunctions";
import { renderMarkdown } from "./markdown";

export interface CellViewProps {
  cell: NotebookCell;
  index: number;
  selected: boolean;
  editing: boolean;
  running: boolean;
  queued: boolean;
  canEdit: boolean;
  onSelect(): void;
  onEdit(): void;
  onSource(source: string): void;
  onRunAndAdvance(): void;
  onRun(): void;
  onEscape(): void;
  /** Offered on code cells that define a function, to those who may edit pipelines. */
  onMakeNode?(): void;
}

const LANGUAGE_LABEL = { javascript: "JS", typescript: "TS", markdown: "MD" } as const;

/** One cell: its source (an editor, or rendered Markdown when not editing) and its outputs. */
export const NotebookCellView = forwardRef<CodeCellEditorHandle, CellViewProps>(function NotebookCellView(props, editorRef) {
  const { cell, index, selected, editing, running, queued, canEdit } = props;
  const showMarkdown = cell.kind === "markdown" && !editing && cell.source.trim() !== "";
  const definesFunction = useMemo(() => cell.kind !== "markdown" && cellFunctions(cell.source).length > 0, [cell.kind, cell.source]);
  return (
    <div
      data-testid={`cell-${index + 1}`}
      data-cell-id={cell.id}
      data-selected={selected}
      onClick={props.onSelect}
      className={`rounded-lg border bg-white ${selected ? (editing ? "border-emerald-400 ring-1 ring-emerald-200" : "border-indigo-400 ring-1 ring-indigo-200") : "border-slate-200"}`}
    >
      <div className="flex gap-2 px-2 pt-2">
        <div className="w-12 shrink-0 pt-1 text-right font-mono text-[11px] text-slate-400" data-testid="execution-count">
          {cell.kind === "markdown" ? LANGUAGE_LABEL.markdown : running ? "[*]" : queued ? "[…]" : `[${cell.executionCount ?? " "}]`}
          <div>{cell.kind !== "markdown" && LANGUAGE_LABEL[cell.kind]}</div>
        </div>
        {showMarkdown ? (
          <div
            className="markdown-body min-h-8 flex-1 pb-2"
            onDoubleClick={canEdit ? props.onEdit : undefined}
            dangerouslySetInnerHTML={{ __html: renderMarkdown(cell.source) }}
          />
        ) : (
          <CodeCellEditor
            ref={editorRef}
            label={`Cell ${index + 1} source`}
            value={cell.source}
            kind={cell.kind}
            readOnly={!canEdit}
            placeholder={cell.kind === "markdown" ? "Markdown" : 'await vajra.dataset("iris")'}
            onFocus={canEdit ? props.onEdit : props.onSelect}
            onChange={props.onSource}
            onRunAndAdvance={props.onRunAndAdvance}
            onRun={props.onRun}
            onEscape={props.onEscape}
          />
        )}
      </div>
      {props.onMakeNode && definesFunction && (
        <div className="flex justify-end px-2 pb-1">
          <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={props.onMakeNode}>
            Make canvas node
          </button>
        </div>
      )}
      {cell.kind !== "markdown" && <CellOutputs outputs={cell.outputs} />}
    </div>
  );
});
