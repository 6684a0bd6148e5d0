/** True when a key press belongs to a text field rather than to the canvas. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export interface Shortcut {
  keys: string;
  action: string;
  /** Changes the pipeline, so it is not offered to viewers. */
  edits: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: "Ctrl+Z", action: "Undo", edits: true },
  { keys: "Ctrl+Shift+Z / Ctrl+Y", action: "Redo", edits: true },
  { keys: "Ctrl+C / Ctrl+V", action: "Copy / paste selected nodes", edits: true },
  { keys: "Delete / Backspace", action: "Delete selection", edits: true },
  { keys: "Shift+drag", action: "Select several nodes", edits: false },
  { keys: "Ctrl+S", action: "Save version", edits: true },
  { keys: "Ctrl+Enter", action: "Run", edits: true },
  { keys: "Ctrl+Shift+Enter", action: "Run ignoring the cache", edits: true },
  { keys: "Shift+L", action: "Auto-layout", edits: true },
  { keys: "N", action: "Add a note", edits: true },
  { keys: "F", action: "Fit to view", edits: false },
];
