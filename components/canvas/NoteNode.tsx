"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import { memo, useEffect, useRef } from "react";
import { MAX_NOTE_TEXT, NOTE_COLORS, type NoteColor } from "@/contracts/storedGraph";
import type { NoteFlowNode } from "./flowGraph";
import { useNoteEditing } from "./NoteEditingContext";

const COLOR_STYLES: Record<NoteColor, { note: string; swatch: string }> = {
  yellow: { note: "bg-amber-50 border-amber-300", swatch: "bg-amber-200" },
  blue: { note: "bg-sky-50 border-sky-300", swatch: "bg-sky-200" },
  green: { note: "bg-emerald-50 border-emerald-300", swatch: "bg-emerald-200" },
  pink: { note: "bg-pink-50 border-pink-300", swatch: "bg-pink-200" },
};

/** A sticky note: plain text the user writes beside the pipeline, moved by its header, resized by its corners when selected. */
function NoteNodeView({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const editing = useNoteEditing();
  const color = data.color ?? "yellow";
  const textRef = useRef<HTMLTextAreaElement>(null);
  // A note is born selected and empty (key N, the toolbar): put the caret in it so typing goes there.
  // Only on mount, so selecting an existing empty note later does not steal focus from the canvas.
  const focusOnMount = useRef(selected === true && data.text === "");
  useEffect(() => {
    if (focusOnMount.current) textRef.current?.focus();
  }, []);
  return (
    <div
      data-testid={`note-${id}`}
      className={`flex h-full min-h-[60px] w-full min-w-[120px] flex-col rounded-md border text-sm shadow-sm ${COLOR_STYLES[color].note} ${selected ? "ring-2 ring-indigo-400" : ""}`}
    >
      {editing && (
        <NodeResizer isVisible={selected ?? false} minWidth={120} minHeight={60} onResizeStart={editing.onResizeStart} onResizeEnd={editing.onResizeEnd} />
      )}
      <div className="note-drag-handle flex cursor-move items-center gap-1 px-2 pt-1 text-[10px] font-medium tracking-wide text-slate-500 uppercase">
        <span>Note</span>
        {editing && (
          <span className="nodrag ml-auto flex items-center gap-1">
            {NOTE_COLORS.map((c) => (
              <button
                key={c}
                type="button"
                aria-label={`Colour ${c}`}
                aria-pressed={c === color}
                title={`Colour ${c}`}
                className={`h-3 w-3 rounded-full border ${COLOR_STYLES[c].swatch} ${c === color ? "border-slate-600" : "border-transparent"}`}
                onClick={() => editing.onChange(id, { color: c })}
              />
            ))}
            <button
              type="button"
              aria-label="Delete note"
              title="Delete note (undo with Ctrl+Z)"
              className="ml-1 rounded px-1 text-xs text-slate-500 hover:bg-white/70 hover:text-rose-600"
              onClick={() => editing.onDelete(id)}
            >
              ×
            </button>
          </span>
        )}
      </div>
      {editing ? (
        <textarea
          ref={textRef}
          aria-label="Note text"
          value={data.text}
          maxLength={MAX_NOTE_TEXT}
          placeholder="Write a note…"
          onChange={(event) => editing.onChange(id, { text: event.target.value })}
          className="nodrag nowheel min-h-0 flex-1 resize-none bg-transparent px-2 pb-2 text-slate-800 outline-none placeholder:text-slate-400"
        />
      ) : (
        <p className="nowheel min-h-0 flex-1 overflow-auto px-2 pb-2 whitespace-pre-wrap text-slate-800">
          {data.text || <span className="text-slate-400 italic">Empty note</span>}
        </p>
      )}
    </div>
  );
}

export const NoteNode = memo(NoteNodeView);
