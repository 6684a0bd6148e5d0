/** True when a key press belongs to a text field rather than to the canvas. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export const SHORTCUTS: [string, string][] = [
  ["Ctrl+Z", "Undo"],
  ["Ctrl+Shift+Z / Ctrl+Y", "Redo"],
  ["Ctrl+C / Ctrl+V", "Copy / paste selected nodes"],
  ["Delete / Backspace", "Delete selection"],
  ["Shift+drag", "Select several nodes"],
  ["Ctrl+S", "Save version"],
  ["Ctrl+Enter", "Run"],
  ["Ctrl+Shift+Enter", "Run ignoring the cache"],
  ["Shift+L", "Auto-layout"],
  ["F", "Fit to view"],
];
