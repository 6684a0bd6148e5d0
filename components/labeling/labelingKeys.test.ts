import { describe, expect, it } from "vitest";
import { labelingKeyAction } from "./labelingKeys";

const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe("labeling keys", () => {
  const classes = ["cat", "dog", "bird"];
  it("maps 1..n to the classes in order and ignores numbers past them", () => {
    expect(labelingKeyAction(press("1"), classes)).toEqual({ kind: "label", value: "cat" });
    expect(labelingKeyAction(press("3"), classes)).toEqual({ kind: "label", value: "bird" });
    expect(labelingKeyAction(press("4"), classes)).toBeNull();
    expect(labelingKeyAction(press("0"), classes)).toBeNull();
  });
  it("skips with S, undoes with Z or Ctrl+Z, and leaves other shortcuts to the browser", () => {
    expect(labelingKeyAction(press("S"), classes)).toEqual({ kind: "skip" });
    expect(labelingKeyAction(press("z"), classes)).toEqual({ kind: "undo" });
    expect(labelingKeyAction(press("z", { ctrlKey: true }), classes)).toEqual({ kind: "undo" });
    expect(labelingKeyAction(press("s", { ctrlKey: true }), classes)).toBeNull();
    expect(labelingKeyAction(press("1", { metaKey: true }), classes)).toBeNull();
  });
});
