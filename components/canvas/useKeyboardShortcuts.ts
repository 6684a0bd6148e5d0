"use client";

import { useEffect } from "react";
import { isTypingTarget } from "./keyboard";

/** The editor's commands that have a key (listed for the user in keyboard.ts's SHORTCUTS). */
export interface ShortcutCommands {
  undo(): void;
  redo(): void;
  copySelection(): void;
  paste(): void;
  run(): Promise<void>;
  /** Runs with every node re-executed, not reusing cached outputs. */
  runIgnoringCache(): Promise<void>;
  openSaveForm(): void;
  layout(): void;
  fitView(): void;
  addNote(): void;
}

/** Binds the editor's shortcuts on the window, except while the user types in a field; those that change the pipeline are off when it is read-only. */
export function useKeyboardShortcuts(readOnly: boolean, commands: ShortcutCommands) {
  const { undo, redo, copySelection, paste, run, runIgnoringCache, openSaveForm, layout, fitView, addNote } = commands;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === "z" && !readOnly) {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
      } else if (mod && key === "y" && !readOnly) {
        event.preventDefault();
        redo();
      } else if (mod && key === "c") {
        copySelection();
      } else if (mod && key === "v") {
        paste();
      } else if (mod && key === "enter" && !readOnly) {
        event.preventDefault();
        void (event.shiftKey ? runIgnoringCache() : run());
      } else if (mod && key === "s" && !readOnly) {
        event.preventDefault();
        openSaveForm();
      } else if (!mod && event.shiftKey && key === "l" && !readOnly) {
        layout();
      } else if (!mod && !event.shiftKey && key === "f") {
        fitView();
      } else if (!mod && !event.shiftKey && !event.altKey && key === "n" && !readOnly) {
        event.preventDefault();
        addNote();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [addNote, copySelection, fitView, layout, openSaveForm, paste, readOnly, redo, run, runIgnoringCache, undo]);
}
