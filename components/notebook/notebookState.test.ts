import { describe, expect, it } from "vitest";
import type { NotebookCell } from "@/contracts/notebookCells";
import { adoptServerCells, noChanges } from "./notebookState";

const cell = (id: string, source = id): NotebookCell => ({ id, kind: "javascript", source, outputs: [], executionCount: null });
const ids = (cells: NotebookCell[]) => cells.map((c) => `${c.id}:${c.source}`);

describe("adoptServerCells", () => {
  it("takes another tab's cells and edits when nothing is pending here", () => {
    expect(ids(adoptServerCells([cell("a")], [cell("a", "theirs"), cell("b")], noChanges()))).toEqual(["a:theirs", "b:b"]);
  });

  it("keeps this tab's unsaved edits, new cells and order over the server's", () => {
    const pending = { dirty: new Set(["a", "n"]), deleted: new Set(["c"]), orderChanged: true };
    const local = [cell("n", "new"), cell("a", "mine")];
    const server = [cell("a", "theirs"), cell("c"), cell("x")];
    expect(ids(adoptServerCells(local, server, pending))).toEqual(["n:new", "a:mine", "x:x"]);
  });
});
