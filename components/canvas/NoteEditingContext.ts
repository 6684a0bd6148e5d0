"use client";

import { createContext, useContext } from "react";
import type { NoteColor } from "@/contracts/storedGraph";

/** What a note on the canvas may do to the document; absent while the canvas is read-only. */
export interface NoteEditing {
  onChange(noteId: string, patch: { text?: string; color?: NoteColor }): void;
  onDelete(noteId: string): void;
  /** A resize is one undo step, like a drag. */
  onResizeStart(): void;
  onResizeEnd(): void;
}

export const NoteEditingContext = createContext<NoteEditing | null>(null);

export function useNoteEditing(): NoteEditing | null {
  return useContext(NoteEditingContext);
}
