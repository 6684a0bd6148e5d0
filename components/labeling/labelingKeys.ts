/** What a key press does on the labeling page; null for keys it leaves alone. */
export type LabelingKeyAction = { kind: "label"; value: string } | { kind: "skip" } | { kind: "undo" };

/** Keys 1..9 label with the class in that position, S skips, Z or Ctrl+Z undoes. Other modified keys stay the browser's. */
export function labelingKeyAction(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  classes: readonly string[],
): LabelingKeyAction | null {
  const key = event.key.toLowerCase();
  if (key === "z" && !event.altKey) return { kind: "undo" };
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (key === "s") return { kind: "skip" };
  if (/^[1-9]$/.test(key)) {
    const value = classes[Number(key) - 1];
    return value === undefined ? null : { kind: "label", value };
  }
  return null;
}
