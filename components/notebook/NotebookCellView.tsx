"use client";

import { forwardRef, useMemo, type KeyboardEvent } from "react";
import type { NotebookCell } from "@/contracts/notebookCells";
import { CellOutputs } from "./CellOutputs";
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
  onEditorKey(event: KeyboardEvent<HTMLTextAreaElement>): void;
  /** Offered on code cells that define a function, to those who may edit pipelines. */
  onMakeNode?(): void;
}

const LANGUAGE_LABEL = { javascript: "JS", typescript: "TS", markdown: "MD" } as const;

/** One cell: its source (an editor, or rendered Markdown when not editing) and its outputs. */
export const NotebookCellView = forwardRef<HTMLTextAreaElement, CellViewProps>(function NotebookCellView(props, editorRef) {
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
          <textarea
            ref={editorRef}
            aria-label={`Cell ${index + 1} source`}
            value={cell.source}
            readOnly={!canEdit}
            spellCheck={false}
            rows={Math.max(2, cell.source.split("\n").length)}
            placeholder={cell.kind === "markdown" ? "Markdown" : 'await vajra.dataset("iris")'}
            onFocus={canEdit ? props.onEdit : undefined}
            onChange={(e) => props.onSource(e.target.value)}
            onKeyDown={props.onEditorKey}
            className="mb-2 flex-1 resize-none rounded bg-slate-50 p-2 font-mono text-xs outline-none"
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
